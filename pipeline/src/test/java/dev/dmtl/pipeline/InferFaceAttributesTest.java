package dev.dmtl.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.labels.UtkFaceNames;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.pipeline.infer.AnalyzeConfig;
import dev.dmtl.pipeline.infer.InferFaceAttributes;
import dev.dmtl.pipeline.input.ArchiveKind;
import dev.dmtl.pipeline.input.ArchiveReader;
import dev.dmtl.pipeline.input.InputPattern;
import dev.dmtl.pipeline.input.InputResolver;
import dev.dmtl.pipeline.input.InputSource;
import dev.dmtl.pipeline.labels.LabelSpec;
import dev.dmtl.pipeline.output.OutputRecords;
import dev.dmtl.testdata.Archives;
import dev.dmtl.testdata.BadInputs;
import dev.dmtl.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inference transforms on the Direct runner, with strict assertions on rows and dead letters.
 */
class InferFaceAttributesTest {

  @TempDir Path tmp;

  private static PCollection<GenericRecord> apply(
      TestPipeline p, List<InputPattern> patterns, AnalyzeConfig config) {
    return p.apply(Read.from(new InputSource(patterns, config.batchSize(), config.runId())))
        .apply(new InferFaceAttributes(config));
  }

  private static PCollection<GenericRecord> rows(PCollection<GenericRecord> out) {
    return out.apply("Rows", Filter.by((GenericRecord r) -> !OutputRecords.isDeadLetter(r)));
  }

  private static PCollection<GenericRecord> deadLetters(PCollection<GenericRecord> out) {
    return out.apply("DeadLetters", Filter.by(OutputRecords::isDeadLetter));
  }

  private static String text(GenericRecord r, String column) {
    Object v = r.get(column);
    return v == null ? null : v.toString();
  }

  /** {@code file} or {@code file!/entry} relative to {@code root}. */
  private static String relative(String root, String source, String entry) {
    String file = source.startsWith(root) ? source.substring(root.length()) : source;
    return entry == null ? file : file + "!/" + entry;
  }

  @Test
  void everyInputOfTheBadCorpusAndTheSampleIsARowOrADeadLetter() throws Throwable {
    Path model = Fixtures.writeModel(tmp);
    List<Path> samples = Fixtures.samples(6);
    Path folder = tmp.resolve("inputs");
    Files.createDirectories(folder.resolve("bad"));
    Files.createDirectories(folder.resolve("faces"));
    try (var files = Files.list(TestData.bad())) {
      for (Path f : files.toList()) {
        Files.copy(f, folder.resolve("bad").resolve(f.getFileName()));
      }
    }
    for (Path s : samples) {
      Files.copy(s, folder.resolve("faces").resolve(s.getFileName()));
    }
    String root = folder.toAbsolutePath().normalize() + "/";

    // What must come out: every sample and every good corpus input a row with exactly the
    // plain-Java prediction; every bad corpus input a dead letter at its stage.
    List<String> expectedRows = new ArrayList<>();
    List<String> expectedDeadLetters = new ArrayList<>();
    for (BadInputs.Expected e : BadInputs.EXPECTED) {
      String address = "bad/" + e.relativeAddress();
      if (e.stage() != null) {
        expectedDeadLetters.add(address + "|" + e.stage());
        continue;
      }
      byte[] bytes =
          e.entry() == null
              ? Files.readAllBytes(TestData.bad().resolve(e.file()))
              : entryBytes(TestData.bad().resolve(e.file()), e.entry());
      expectedRows.add(address + "|" + Fixtures.expectedPrediction(bytes));
    }
    for (Path s : samples) {
      expectedRows.add(
          "faces/" + s.getFileName() + "|" + Fixtures.expectedPrediction(Files.readAllBytes(s)));
    }
    Set<String> inputs = new HashSet<>();
    expectedRows.forEach(r -> inputs.add(r.substring(0, r.indexOf('|'))));
    expectedDeadLetters.forEach(
        d -> assertTrue(inputs.add(d.substring(0, d.indexOf('|'))), "disjoint: " + d));

    Pipelines.test(
        getClass(),
        "corpus",
        p -> {
          AnalyzeConfig config = Fixtures.config(model, 4, null, "test-corpus");
          PCollection<GenericRecord> out =
              apply(p, InputResolver.resolve(List.of(folder.toString()), null), config);
          PAssert.that(
                  deadLetters(out)
                      .apply(
                          "DeadLetterKeys",
                          MapElements.into(TypeDescriptors.strings())
                              .via(
                                  (GenericRecord d) ->
                                      relative(
                                              root,
                                              text(d, PredictionColumns.SOURCE),
                                              text(d, PredictionColumns.ENTRY))
                                          + "|"
                                          + text(d, PredictionColumns.STAGE)))
                      .setCoder(StringUtf8Coder.of()))
              .containsInAnyOrder(expectedDeadLetters);
          PAssert.that(
                  rows(out)
                      .apply(
                          "RowKeys",
                          MapElements.into(TypeDescriptors.strings())
                              .via(
                                  (GenericRecord r) ->
                                      relative(
                                              root,
                                              r.get(PredictionColumns.SOURCE).toString(),
                                              r.get(PredictionColumns.ENTRY) == null
                                                  ? null
                                                  : r.get(PredictionColumns.ENTRY).toString())
                                          + "|"
                                          + r.get(PredictionColumns.predicted("age"))
                                          + "|"
                                          + r.get(PredictionColumns.predicted("gender"))
                                          + "|"
                                          + r.get(PredictionColumns.predicted("race")))))
              .containsInAnyOrder(expectedRows);
          PipelineResult result = p.run();
          result.waitUntilFinish();
          // the invariant, counted independently at listing time
          assertEquals(inputs.size(), Pipelines.counter(result, RunCounters.INPUTS_SEEN));
          assertEquals(
              expectedRows.size(), Pipelines.counter(result, RunCounters.INPUTS_WITH_ROWS));
        });
  }

  /** The bytes of one entry of a zip, tar or tar.gz, as the pipeline's own reader delivers them. */
  private static byte[] entryBytes(Path archive, String entry) throws Exception {
    List<byte[]> found = new ArrayList<>();
    try (var in = Files.newInputStream(archive)) {
      new ArchiveReader(1 << 20)
          .read(
              ArchiveKind.of(archive.toString()).orElseThrow(),
              in,
              new ArchiveReader.Visitor() {
                @Override
                public void image(String name, byte[] content) {
                  if (name.equals(entry)) {
                    found.add(content);
                  }
                }

                @Override
                public void rejected(String name, Stage stage, String errorClass, String message) {}
              });
    } catch (ArchiveReader.CorruptArchiveException broken) {
      // truncated archives: the entries before the break were delivered, which is all a row needs
      assertTrue(broken.entry() == null || !broken.entry().equals(entry), broken.getMessage());
    }
    assertEquals(1, found.size(), archive + "!/" + entry);
    return found.get(0);
  }

  @Test
  void zipTarAndTarGzEntriesAreInputsWithUtkFaceLabels() throws Throwable {
    Path model = Fixtures.writeModel(tmp);
    List<Path> samples = Fixtures.samples(5);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (Path s : samples) {
      entries.put("faces/" + s.getFileName(), Files.readAllBytes(s));
    }
    Path zip = Archives.zip(tmp.resolve("a.zip"), entries);
    Path tar = Archives.tar(tmp.resolve("b.tar"), entries, false);
    Path tgz = Archives.tar(tmp.resolve("c.tar.gz"), entries, true);
    List<String> expected = new ArrayList<>();
    for (Path archive : List.of(zip, tar, tgz)) {
      for (String entry : entries.keySet()) {
        var labels = UtkFaceNames.parse(entry).orElseThrow();
        expected.add(
            archive.getFileName()
                + "!/"
                + entry
                + "|"
                + labels.age()
                + "|"
                + labels.gender()
                + "|"
                + labels.race());
      }
    }
    String root = tmp.toAbsolutePath().normalize() + "/";
    Pipelines.test(
        getClass(),
        "archives",
        p -> {
          AnalyzeConfig config =
              Fixtures.config(model, 32, LabelSpec.parse("utkface"), "test-archives");
          PCollection<GenericRecord> out =
              apply(
                  p,
                  InputResolver.resolve(
                      List.of(root + "*.zip", tar.toString(), tgz.toString()), null),
                  config);
          PAssert.that(deadLetters(out)).empty();
          PAssert.that(
                  rows(out)
                      .apply(
                          MapElements.into(TypeDescriptors.strings())
                              .via(
                                  (GenericRecord r) ->
                                      relative(
                                              root,
                                              r.get(PredictionColumns.SOURCE).toString(),
                                              r.get(PredictionColumns.ENTRY).toString())
                                          + "|"
                                          + r.get(PredictionColumns.label("age"))
                                          + "|"
                                          + r.get(PredictionColumns.label("gender"))
                                          + "|"
                                          + r.get(PredictionColumns.label("race")))))
              .containsInAnyOrder(expected);
          PipelineResult result = p.run();
          result.waitUntilFinish();
          assertEquals(15, Pipelines.counter(result, RunCounters.INPUTS_SEEN));
          assertEquals(0, Pipelines.counter(result, RunCounters.labelMissingCounter("race")));
        });
  }

  @Test
  void plainFilesAreBatchedAcrossFoldersAndEachArchiveBatchesItsOwnEntries() throws Throwable {
    Path model = Fixtures.writeModel(tmp);
    List<Path> samples = Fixtures.samples(30);
    Path a = Files.createDirectories(tmp.resolve("a"));
    Path b = Files.createDirectories(tmp.resolve("b"));
    for (int i = 0; i < 20; i++) {
      Files.copy(samples.get(i), (i < 13 ? a : b).resolve(samples.get(i).getFileName()));
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (Path s : samples.subList(20, 30)) {
      entries.put(s.getFileName().toString(), Files.readAllBytes(s));
    }
    Archives.zip(b.resolve("ten.zip"), entries); // found by the folder walk of b
    Pipelines.test(
        getClass(),
        "batches",
        p -> {
          AnalyzeConfig config = Fixtures.config(model, 8, null, "test-batches");
          PCollection<GenericRecord> out =
              apply(p, InputResolver.resolve(List.of(a.toString(), b.toString()), null), config);
          PAssert.that(deadLetters(out)).empty();
          PipelineResult result = p.run();
          result.waitUntilFinish();
          DistributionResult batches = Pipelines.batches(result);
          assertEquals(30, batches.getSum());
          assertEquals(8, batches.getMax());
          // 20 plain files in two folders: batches of 8, 8, 4 (not 8+5 and 7); the zip's 10
          // entries: 8 and 2
          assertEquals(5, batches.getCount(), "model calls");
          assertEquals(30, Pipelines.counter(result, RunCounters.INPUTS_SEEN));
          assertEquals(30, Pipelines.counter(result, RunCounters.INPUTS_WITH_ROWS));
        });
  }
}
