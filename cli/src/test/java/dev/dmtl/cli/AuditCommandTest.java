package dev.dmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.io.AuditJson;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.contract.rows.PredictionColumns;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dmtl audit} end to end on a small prediction file: files written, summary, exit codes. */
class AuditCommandTest {

  @TempDir static Path dir;
  private static Path predictions;

  /**
   * 200 faces, half men, half women; gender right for 90 of 100 men and 70 of 100 women; ages
   * 20..39 predicted 2 years too old. No footer: tasks come from the columns.
   */
  @BeforeAll
  static void write() throws Exception {
    Schema s =
        SchemaBuilder.record("Prediction")
            .fields()
            .requiredString(PredictionColumns.SOURCE)
            .optionalString(PredictionColumns.ENTRY)
            .requiredString(PredictionColumns.RELATIVE_PATH)
            .requiredInt(PredictionColumns.FACE_INDEX)
            .requiredFloat(PredictionColumns.FACE_SCORE)
            .requiredInt(PredictionColumns.predicted("age"))
            .requiredDouble(PredictionColumns.expected("age"))
            .requiredString(PredictionColumns.predicted("gender"))
            .requiredFloat(PredictionColumns.confidence("gender"))
            .optionalInt(PredictionColumns.label("age"))
            .optionalString(PredictionColumns.label("gender"))
            .endRecord();
    predictions = dir.resolve("in").resolve("predictions.parquet");
    Files.createDirectories(predictions.getParent());
    try (ParquetWriter<GenericRecord> w =
        AvroParquetWriter.<GenericRecord>builder(
                HadoopOutputFile.fromPath(
                    new org.apache.hadoop.fs.Path(predictions.toUri()), new Configuration(false)))
            .withSchema(s)
            .build()) {
      for (int i = 0; i < 200; i++) {
        boolean woman = i >= 100;
        int k = i % 100;
        boolean right = woman ? k < 70 : k < 90;
        String truth = woman ? "female" : "male";
        String other = woman ? "male" : "female";
        int age = 20 + k % 20;
        GenericRecord r = new GenericData.Record(s);
        r.put(PredictionColumns.SOURCE, "/data/img" + i + ".jpg");
        r.put(PredictionColumns.RELATIVE_PATH, "img" + i + ".jpg");
        r.put(PredictionColumns.FACE_INDEX, 0);
        r.put(PredictionColumns.FACE_SCORE, 0.9f);
        r.put(PredictionColumns.predicted("age"), age + 2);
        r.put(PredictionColumns.expected("age"), age + 2.0);
        r.put(PredictionColumns.predicted("gender"), right ? truth : other);
        r.put(PredictionColumns.confidence("gender"), 0.8f);
        r.put(PredictionColumns.label("age"), age);
        r.put(PredictionColumns.label("gender"), truth);
        w.write(r);
      }
    }
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new AuditCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void writesFilesAndPasses() throws Exception {
    Path out = dir.resolve("ok");
    Run r =
        run(
            predictions.getParent().toString(),
            "--out",
            out.toString(),
            "--resamples",
            "50",
            "--fail-on",
            "gender.accuracy.gap>0.5");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("labelled audit of 200 face rows"), r.out());
    AuditResult result = AuditJson.read(out.resolve("audit.json"));
    // men 0.9, women 0.7 -> gap 0.2; every age error is +2
    assertEquals(
        0.8,
        result.overall().value(dev.dmtl.audit.metrics.MetricKey.parse("gender.accuracy")),
        1e-12);
    assertEquals(
        2.0, result.overall().value(dev.dmtl.audit.metrics.MetricKey.parse("age.mae")), 1e-12);
    assertTrue(Files.exists(out.resolve("groups.csv")));
    assertTrue(Files.exists(out.resolve("gaps.csv")));
  }

  @Test
  void violatedRuleExitsWithFour() {
    Run r =
        run(
            predictions.toString(),
            "--out",
            dir.resolve("gate").toString(),
            "--resamples",
            "0",
            "--fail-on",
            "gender.accuracy.gap@gender>0.1");
    assertEquals(4, r.code(), r.err());
    assertTrue(
        r.out()
            .contains(
                "VIOLATED gender.accuracy.gap@gender>0.1: gender.accuracy.gap@gender = 0.2000"),
        r.out());
    assertTrue(
        Files.exists(dir.resolve("gate").resolve("audit.json")),
        "files are written even when the gate fails");
  }

  @Test
  void usageErrorsExitWithTwoAndOneLine() {
    Run badRule =
        run(
            predictions.toString(),
            "--out",
            dir.resolve("bad").toString(),
            "--fail-on",
            "gender.acuracy>0.1");
    assertEquals(2, badRule.code());
    assertTrue(badRule.err().contains("unknown metric 'acuracy'"), badRule.err());
    Run nothing =
        run(
            predictions.toString(),
            "--out",
            dir.resolve("bad2").toString(),
            "--resamples",
            "0",
            "--fail-on",
            "race.accuracy.gap>0.1");
    assertEquals(2, nothing.code());
    assertTrue(nothing.err().contains("matches nothing"), nothing.err());
    Run bins = run(predictions.toString(), "--age-bins", "5,10");
    assertEquals(2, bins.code());
    assertTrue(bins.err().contains("must start at 0"), bins.err());
  }

  /** As the user runs it: through dmtl's command line, with its exit-code mapping. */
  private static Run dmtl(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Dmtl.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = "audit";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = cli.execute(all);
    return new Run(code, out.toString(), err.toString());
  }

  /** An attribute file for the 200 faces: a site for each, and a light level. */
  private static Path attributes(String name, String extraRow) throws Exception {
    StringBuilder csv = new StringBuilder("path,site,lux\n");
    for (int i = 0; i < 200; i++) {
      csv.append("img").append(i).append(".jpg,").append(i % 3 == 0 ? "north" : "south");
      csv.append(',').append(i % 7 * 10).append('\n');
    }
    csv.append(extraRow);
    return Files.writeString(dir.resolve(name), csv.toString());
  }

  @Test
  void attributesGroupTheAuditAndBadOnesAreOneLineWithExitThree() throws Exception {
    Path good = attributes("good.csv", "");
    Run ok =
        dmtl(
            predictions.toString(),
            "--out",
            dir.resolve("attr-ok").toString(),
            "--resamples",
            "20",
            "--attributes",
            good.toString(),
            "--bins",
            "lux=q4",
            "--correction",
            "holm");
    assertEquals(0, ok.code(), ok.err());
    assertTrue(
        ok.out().contains("site (2 groups), lux (4 groups); 200 of 200 inputs have a row"),
        ok.out());
    assertTrue(ok.out().contains("Holm (family-wise error rate)"), ok.out());
    AuditResult result = AuditJson.read(dir.resolve("attr-ok").resolve("audit.json"));
    assertEquals(
        List.of("north", "south"),
        result.groups(dev.dmtl.audit.groups.Grouping.of("site")).stream()
            .map(g -> g.key().value("site"))
            .toList());

    Path dup = attributes("dup.csv", "img1.jpg,east,5\n");
    Run duplicate =
        dmtl(
            predictions.toString(),
            "--out",
            dir.resolve("attr-dup").toString(),
            "--attributes",
            dup.toString());
    assertEquals(3, duplicate.code(), duplicate.err());
    assertTrue(duplicate.err().contains("appears twice"), duplicate.err());
    assertEquals(1, duplicate.err().strip().lines().count(), duplicate.err());

    Run binsAlone =
        dmtl(
            predictions.toString(),
            "--out",
            dir.resolve("attr-bins").toString(),
            "--bins",
            "lux=q4");
    assertEquals(2, binsAlone.code(), binsAlone.err());
    assertTrue(binsAlone.err().contains("--bins needs --attributes"), binsAlone.err());

    Run noColumn =
        dmtl(
            predictions.toString(),
            "--out",
            dir.resolve("attr-col").toString(),
            "--attributes",
            good.toString(),
            "--bins",
            "brightness=q4");
    assertEquals(2, noColumn.code(), noColumn.err());
    assertTrue(noColumn.err().contains("has no column 'brightness'"), noColumn.err());

    Run missing =
        dmtl(
            predictions.toString(),
            "--out",
            dir.resolve("attr-missing").toString(),
            "--attributes",
            dir.resolve("nope.csv").toString());
    assertEquals(3, missing.code(), missing.err());
    assertTrue(missing.err().contains("attribute file not found"), missing.err());
  }

  @Test
  void helpListsExitCodes() {
    Run r = run("--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("--fail-on"), r.out());
    assertTrue(r.out().contains("4   at least one --fail-on rule was violated"), r.out());
  }
}
