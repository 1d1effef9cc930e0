package dev.dmtl.audit.input;

import java.util.List;

/**
 * The face rows of all prediction files, one entry per task, in the canonical order of {@link
 * PredictionTable#canonicalOrder()}.
 *
 * @param n rows (faces) after deduplication
 * @param tasks per task its columns, in task order
 * @param cluster per row the input (image) it comes from, numbered 0.. in canonical order: the
 *     bootstrap draws images, not faces
 * @param address per row its input's address ({@code source} or {@code source!/entry})
 * @param relativePath per row its input's relative path, null where the files have none
 * @param imageSha256 per row its image's SHA-256
 */
public record FaceRows(
    int n,
    List<TaskColumns> tasks,
    int[] cluster,
    String[] address,
    String[] relativePath,
    String[] imageSha256) {

  public FaceRows {
    tasks = List.copyOf(tasks);
    if (cluster.length != n
        || address.length != n
        || relativePath.length != n
        || imageSha256.length != n) {
      throw new IllegalArgumentException("face row arrays differ in length");
    }
  }
}
