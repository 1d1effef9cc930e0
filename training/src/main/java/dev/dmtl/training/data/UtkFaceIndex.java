package dev.dmtl.training.data;

import dev.dmtl.contract.labels.DataSplit;
import dev.dmtl.contract.labels.FaceLabels;
import dev.dmtl.contract.labels.UtkFaceNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The labelled images of a UTKFace-style folder (labels in the file names), sorted by name so every
 * run sees the same order. Files whose names carry no labels are skipped and counted.
 *
 * @param root the folder
 * @param samples labelled images, sorted by name
 * @param skipped files whose names do not follow the UTKFace pattern
 */
public record UtkFaceIndex(Path root, List<FaceSample> samples, int skipped) {

  public UtkFaceIndex {
    samples = List.copyOf(samples);
  }

  /** Lists {@code root} (not recursive: UTKFace is flat). */
  public static UtkFaceIndex scan(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException(root + ": not a directory of UTKFace images");
    }
    List<FaceSample> samples = new ArrayList<>();
    int skipped = 0;
    try (Stream<Path> files = Files.list(root)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = p.getFileName().toString();
        Optional<FaceLabels> labels = UtkFaceNames.parse(name);
        if (labels.isEmpty() || labels.get().age() == null) {
          skipped++;
          continue;
        }
        FaceLabels l = labels.get();
        samples.add(
            new FaceSample(
                name,
                l.age(),
                l.gender() == null ? -1 : UtkFaceNames.GENDERS.indexOf(l.gender()),
                l.race() == null ? -1 : UtkFaceNames.RACES.indexOf(l.race())));
      }
    }
    return new UtkFaceIndex(root, samples, skipped);
  }

  /** The samples of one split, in name order. */
  public List<FaceSample> split(DataSplit split) {
    return samples.stream().filter(s -> DataSplit.of(s.name()) == split).toList();
  }
}
