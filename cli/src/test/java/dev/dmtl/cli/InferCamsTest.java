package dev.dmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.contract.run.RunProvenance;
import dev.dmtl.parquet.ParquetFile;
import dev.dmtl.parquet.PredictionSchema;
import dev.dmtl.testdata.TestData;
import dev.dmtl.testdata.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dmtl infer --cams}: the map columns only when asked, with the grid's size; exact maps
 * refused in one line for a model without feature maps; an unknown method is a usage error.
 */
class InferCamsTest {

  @TempDir Path tmp;

  private Path model() throws Exception {
    return TinyModels.dmtl(5).writeTo(tmp.resolve("tiny.onnx"));
  }

  private static List<String> twoSamples() throws Exception {
    try (Stream<Path> files = Files.list(TestData.utkfaceSample())) {
      return files.sorted().limit(2).map(Path::toString).toList();
    }
  }

  private Cli infer(Path out, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "infer",
                "--runner",
                "direct",
                "-p",
                "1",
                "-m",
                model().toString(),
                "-o",
                out.toString(),
                "--labels",
                "utkface"));
    args.addAll(List.of(extra));
    args.addAll(twoSamples());
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void occlusionMapsAreStoredAsListColumnsOfTheGridsSize() throws Exception {
    Path out = tmp.resolve("cams");
    Cli r = infer(out, "--cams", "--cam-method", "occlusion");
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    ParquetFile f = ParquetFile.open(out.resolve("predictions.parquet"));
    assertEquals(2, f.rows());
    List<String> tasks = List.of("age", "gender", "race");
    List<String> camColumns = tasks.stream().map(PredictionColumns::cam).toList();
    for (String c : camColumns) {
      assertTrue(f.hasColumn(c), c);
    }
    List<String> scalars = new ArrayList<>();
    f.read(
        List.of(
            PredictionColumns.CAM_METHOD,
            PredictionColumns.CAM_HEIGHT,
            PredictionColumns.CAM_WIDTH),
        rec ->
            scalars.add(
                ParquetFile.text(rec, PredictionColumns.CAM_METHOD)
                    + " "
                    + (int) ParquetFile.number(rec, PredictionColumns.CAM_HEIGHT)
                    + "x"
                    + (int) ParquetFile.number(rec, PredictionColumns.CAM_WIDTH)));
    assertEquals(List.of("occlusion 7x7", "occlusion 7x7"), scalars);
    AtomicInteger rows = new AtomicInteger();
    f.readFloatLists(
        camColumns,
        (row, values, lengths) -> {
          rows.incrementAndGet();
          for (int t = 0; t < lengths.length; t++) {
            assertEquals(49, lengths[t], camColumns.get(t));
            for (int c = 0; c < 49; c++) {
              assertTrue(Float.isFinite(values[t][c]));
            }
          }
        });
    assertEquals(2, rows.get());
    // provenance records how the maps were made, in the footer and the manifest
    RunProvenance p = f.runProvenance().orElseThrow();
    assertEquals("OCCLUSION", p.options().path("cams").asText());
    assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"cams\" : \"OCCLUSION\""));
  }

  @Test
  void withoutCamsTheSchemaIsUnchanged() throws Exception {
    Path out = tmp.resolve("plain");
    Cli r = infer(out);
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    ParquetFile f = ParquetFile.open(out.resolve("predictions.parquet"));
    Schema expected =
        PredictionSchema.predictions("m", f.runProvenance().orElseThrow().model().contract(), true);
    List<String> names = expected.getFields().stream().map(Schema.Field::name).toList();
    assertEquals(names, f.columnNames().stream().filter(names::contains).toList());
    assertEquals(names.size(), f.columnNames().size(), f.columnNames().toString());
    assertFalse(f.hasColumn(PredictionColumns.CAM_METHOD));
  }

  @Test
  void exactMapsFromAModelWithoutFeatureMapsAreRefusedInOneLine() throws Exception {
    Path out = tmp.resolve("refused");
    Cli r = infer(out, "--cams");
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(
        r.err().startsWith("dmtl infer: --cams: model ")
            && r.err().contains("declares no feature maps")
            && r.err().contains("--cam-method occlusion"),
        r.err());
    assertFalse(Files.exists(out.resolve("predictions.parquet")));
  }

  @Test
  void anUnknownMethodIsAUsageError() throws Exception {
    Cli r = infer(tmp.resolve("bogus"), "--cams", "--cam-method", "gradcam");
    assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
    assertTrue(r.err().contains("unknown saliency method 'gradcam'"), r.err());
    Cli alone = infer(tmp.resolve("alone"), "--cam-method", "occlusion");
    assertEquals(ExitCodes.USAGE, alone.exitCode(), alone.err());
    assertTrue(alone.err().contains("--cam-method needs --cams"), alone.err());
  }
}
