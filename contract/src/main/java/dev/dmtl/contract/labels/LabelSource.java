package dev.dmtl.contract.labels;

import java.util.Optional;

/**
 * Ground truth for inputs, looked up by the input's relative path: the path below the folder or
 * glob it was found under, the path as written in a list file, or the entry name inside an archive.
 * Implementations are immutable and thread-safe.
 */
public interface LabelSource {

  /** What the source is, for the run manifest, e.g. {@code utkface} or {@code csv:labels.csv}. */
  String description();

  /**
   * The labels of one input.
   *
   * @param relativePath the input's relative path, {@code /}-separated
   * @return the labels (fields that were empty or unparsable are null), or empty when the source
   *     does not know the input at all
   */
  Optional<FaceLabels> lookup(String relativePath);

  /** Values the source could not parse while loading (each one left null, never guessed). */
  default long unparsableValues() {
    return 0;
  }

  /**
   * Normalises a relative path for matching: {@code /} separators, no leading {@code ./} or {@code
   * /}.
   */
  static String normalise(String relativePath) {
    String p = relativePath.replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    return p;
  }
}
