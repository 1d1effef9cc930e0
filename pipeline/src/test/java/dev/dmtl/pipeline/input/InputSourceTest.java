package dev.dmtl.pipeline.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.rows.Stage;
import dev.dmtl.inference.batch.BatchSize;
import dev.dmtl.pipeline.RunProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listing behind the pipeline's source: what each split holds, and what the progress learns.
 */
class InputSourceTest {

  @TempDir Path tmp;

  @Test
  void everySplitIsOneUnitAndFilesAreBatchedAcrossInputs() throws Exception {
    Path a = Files.createDirectories(tmp.resolve("a"));
    Path b = Files.createDirectories(tmp.resolve("b"));
    for (int i = 0; i < 5; i++) {
      Files.writeString(a.resolve("a" + i + ".jpg"), "x");
    }
    for (int i = 0; i < 4; i++) {
      Files.writeString(b.resolve("b" + i + ".png"), "x");
    }
    Files.writeString(b.resolve("faces.zip"), "not opened while listing");
    Files.createSymbolicLink(b.resolve("gone.jpg"), Paths.get("nowhere.jpg"));
    Path single = Files.writeString(tmp.resolve("one.jpg"), "x");
    PipelineOptions options = PipelineOptionsFactory.create();
    String runId = "test-input-source";
    RunProgress.forget(runId);
    InputSource source =
        new InputSource(
            InputResolver.resolve(List.of(a.toString(), b.toString(), single.toString()), null),
            new BatchSize(4),
            runId);

    List<InputUnit> units = new ArrayList<>();
    for (BoundedSource<InputUnit> split : source.split(0, options)) {
      // splits travel to workers (a Flink JobManager serializes them): each must survive that
      BoundedSource<InputUnit> copy = SerializableUtils.ensureSerializable(split);
      try (BoundedSource.BoundedReader<InputUnit> reader = copy.createReader(options)) {
        assertTrue(reader.start());
        units.add(reader.getCurrent());
        assertFalse(reader.advance(), "one unit per split");
      }
    }

    List<Integer> batches =
        units.stream()
            .filter(u -> u.kind() == InputUnit.Kind.FILES)
            .map(u -> u.files().size())
            .toList();
    assertEquals(List.of(4, 4, 2), batches, "10 plain files from three inputs, in batches of 4");
    List<InputUnit> archives =
        units.stream().filter(u -> u.kind() == InputUnit.Kind.ARCHIVE).toList();
    assertEquals(1, archives.size());
    assertTrue(archives.get(0).archive().endsWith("/b/faces.zip"), archives.get(0).archive());
    List<InputUnit> rejected =
        units.stream().filter(u -> u.kind() == InputUnit.Kind.REJECTED).toList();
    assertEquals(1, rejected.size());
    assertEquals(Stage.READ, rejected.get(0).rejected().stage());
    assertEquals("BrokenSymlink", rejected.get(0).rejected().errorClass());
    // the label-lookup key of a file is its path below the folder it was found in
    List<String> relative =
        units.stream()
            .flatMap(u -> u.files().stream())
            .map(InputItem::relativePath)
            .sorted()
            .toList();
    assertEquals(10, relative.size());
    assertEquals(
        List.of(
            "a0.jpg", "a1.jpg", "a2.jpg", "a3.jpg", "a4.jpg", "b0.png", "b1.png", "b2.png",
            "b3.png"),
        relative.stream().filter(r -> !r.endsWith("one.jpg")).toList());
    // files and the broken link are counted by the listing; the archive's entries when it is read
    assertEquals(11, RunProgress.of(runId).inputsSeen());
    RunProgress.forget(runId);
  }

  @Test
  void aSourceReadWithoutSplittingListsEverythingInOrder() throws Exception {
    for (int i = 0; i < 3; i++) {
      Files.writeString(tmp.resolve("f" + i + ".jpg"), "x");
    }
    PipelineOptions options = PipelineOptionsFactory.create();
    InputSource source =
        new InputSource(
            InputResolver.resolve(List.of(tmp.toString()), null), new BatchSize(2), "test-unsplit");
    List<Integer> sizes = new ArrayList<>();
    try (BoundedSource.BoundedReader<InputUnit> reader = source.createReader(options)) {
      for (boolean more = reader.start(); more; more = reader.advance()) {
        sizes.add(reader.getCurrent().files().size());
      }
    }
    assertEquals(List.of(2, 1), sizes);
    RunProgress.forget("test-unsplit");
  }
}
