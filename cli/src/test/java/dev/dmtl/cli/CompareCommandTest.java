package dev.dmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.rows.PredictionColumns;
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

/** {@code dmtl compare}: its files, its summary and its exit codes 0, 2, 3 and 4. */
class CompareCommandTest {

  @TempDir static Path dir;

  /**
   * 400 faces, half men, half women. The baseline gets gender right for 90 of 100 men and 70 of 100
   * women (twice over); the worse candidate for the same men and only 50 of 100 women.
   */
  @BeforeAll
  static void write() throws Exception {
    write(dir.resolve("base"), 70, "img");
    write(dir.resolve("same"), 70, "img");
    write(dir.resolve("worse"), 50, "img");
    write(dir.resolve("other"), 70, "elsewhere");
  }

  private static void write(Path folder, int womenRight, String images) throws Exception {
    Schema s =
        SchemaBuilder.record("Prediction")
            .fields()
            .requiredString(PredictionColumns.SOURCE)
            .optionalString(PredictionColumns.ENTRY)
            .requiredString(PredictionColumns.RELATIVE_PATH)
            .requiredString(PredictionColumns.IMAGE_SHA256)
            .requiredInt(PredictionColumns.FACE_INDEX)
            .requiredFloat(PredictionColumns.FACE_SCORE)
            .requiredInt(PredictionColumns.predicted("age"))
            .requiredDouble(PredictionColumns.expected("age"))
            .requiredString(PredictionColumns.predicted("gender"))
            .requiredFloat(PredictionColumns.confidence("gender"))
            .optionalInt(PredictionColumns.label("age"))
            .optionalString(PredictionColumns.label("gender"))
            .endRecord();
    Path file = folder.resolve("predictions.parquet");
    Files.createDirectories(folder);
    try (ParquetWriter<GenericRecord> w =
        AvroParquetWriter.<GenericRecord>builder(
                HadoopOutputFile.fromPath(
                    new org.apache.hadoop.fs.Path(file.toUri()), new Configuration(false)))
            .withSchema(s)
            .build()) {
      for (int i = 0; i < 400; i++) {
        boolean woman = i % 200 >= 100;
        int k = i % 100;
        boolean right = woman ? k < womenRight : k < 90;
        String truth = woman ? "female" : "male";
        int age = 20 + k % 20;
        GenericRecord r = new GenericData.Record(s);
        r.put(PredictionColumns.SOURCE, "/data/" + images + i + ".jpg");
        r.put(PredictionColumns.RELATIVE_PATH, images + i + ".jpg");
        r.put(
            PredictionColumns.IMAGE_SHA256,
            String.format("%s%063d", images.equals("img") ? "a" : "b", i));
        r.put(PredictionColumns.FACE_INDEX, 0);
        r.put(PredictionColumns.FACE_SCORE, 0.9f);
        r.put(PredictionColumns.predicted("age"), age + 2);
        r.put(PredictionColumns.expected("age"), age + 2.0);
        r.put(PredictionColumns.predicted("gender"), right ? truth : woman ? "male" : "female");
        r.put(PredictionColumns.confidence("gender"), 0.8f);
        r.put(PredictionColumns.label("age"), age);
        r.put(PredictionColumns.label("gender"), truth);
        w.write(r);
      }
    }
  }

  private static Cli compare(String baseline, String candidate, String out, String... more) {
    String[] args = new String[6 + more.length];
    args[0] = "compare";
    args[1] = dir.resolve(baseline).toString();
    args[2] = dir.resolve(candidate).toString();
    args[3] = "--out";
    args[4] = dir.resolve(out).toString();
    args[5] = "--resamples=200";
    System.arraycopy(more, 0, args, 6, more.length);
    return Cli.run(args);
  }

  @Test
  void theSamePredictionsChangeNothing() {
    Cli r = compare("base", "same", "out-same");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(
        r.out().contains("compared 400 faces in both runs (0 only in the baseline, 0 only in the"),
        r.out());
    assertTrue(r.out().contains("0 improved, 0 worse"), r.out());
    assertTrue(Files.exists(dir.resolve("out-same/changes.json")));
    assertTrue(Files.exists(dir.resolve("out-same/changes.csv")));
  }

  @Test
  void aWorseCandidateFailsTheGateWithFourAndStillWritesItsFiles() {
    Cli r =
        compare(
            "base/predictions.parquet",
            "worse",
            "out-worse",
            "--fail-on",
            "delta(gender.accuracy.gap@gender)>0.01");
    assertEquals(4, r.exitCode(), r.err());
    assertTrue(r.out().contains("WORSE   gender.accuracy@all"), r.out());
    assertTrue(
        r.out()
            .contains(
                "VIOLATED delta(gender.accuracy.gap@gender)>0.01: gender.accuracy.gap@gender"),
        r.out());
    assertTrue(Files.exists(dir.resolve("out-worse/changes.json")));
  }

  @Test
  void theCandidatesReportShowsWhatChangedWithChangesJson() throws Exception {
    Cli compared = compare("base", "worse", "out-report");
    assertEquals(0, compared.exitCode(), compared.err());
    Cli audited =
        Cli.run(
            "audit",
            dir.resolve("worse").toString(),
            "--out",
            dir.resolve("audit-worse").toString(),
            "--resamples=50");
    assertEquals(0, audited.exitCode(), audited.err());
    Path audit = dir.resolve("audit-worse/audit.json");
    Cli report =
        Cli.run(
            "report",
            audit.toString(),
            "--changes",
            dir.resolve("out-report/changes.json").toString(),
            "--out",
            dir.resolve("report-worse").toString());
    assertEquals(0, report.exitCode(), report.err());
    String html = Files.readString(dir.resolve("report-worse/report.html"));
    assertTrue(html.contains("What changed"), "the section is in the report");
    assertTrue(html.contains("WORSE"), "gender accuracy got measurably worse");
    assertTrue(Files.exists(dir.resolve("report-worse/changes.csv")));

    // an audit JSON is not a comparison: one line, exit 3, no report
    Cli wrong =
        Cli.run(
            "report",
            audit.toString(),
            "--changes",
            audit.toString(),
            "--out",
            dir.resolve("report-wrong").toString());
    assertEquals(3, wrong.exitCode(), wrong.err());
    assertTrue(wrong.err().contains("not a changes.json written by dmtl compare"), wrong.err());
    assertFalse(Files.exists(dir.resolve("report-wrong/report.html")));
  }

  @Test
  void runsWithoutSharedFacesAreBadInputInOneLine() {
    Cli r = compare("base", "other", "out-other");
    assertEquals(3, r.exitCode(), r.err());
    assertTrue(r.err().contains("no face in common"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(r.hasStackTrace());
    assertFalse(Files.exists(dir.resolve("out-other/changes.json")));
  }

  @Test
  void aRuleThatMatchesNoChangeIsAUsageError() {
    Cli r =
        compare("base", "worse", "out-rule", "--fail-on", "delta(race.accuracy.gap@gender)>0.01");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("matches no change"), r.err());
    assertFalse(Files.exists(dir.resolve("out-rule/changes.json")));
    Cli bad = compare("base", "worse", "out-rule", "--fail-on", "gender.accuracy>0.01");
    assertEquals(2, bad.exitCode(), bad.err());
    assertTrue(bad.err().contains("delta(subject) op number"), bad.err());
  }

  @Test
  void auditJsonsStandForThePredictionFilesTheyRead() throws Exception {
    for (String run : List.of("base", "worse")) {
      Cli audited =
          Cli.run(
              "audit",
              dir.resolve(run).toString(),
              "--out",
              dir.resolve("audit-json-" + run).toString(),
              "--resamples=20");
      assertEquals(0, audited.exitCode(), audited.err());
    }
    Cli r =
        compare(
            "audit-json-base/audit.json",
            "audit-json-worse/audit.json",
            "out-json",
            "--fail-on",
            "delta(gender.accuracy.gap@gender)>0.01");
    assertEquals(4, r.exitCode(), r.err() + r.out());
    assertTrue(r.out().contains("compared 400 faces in both runs"), r.out());
    assertTrue(r.out().contains("WORSE   gender.accuracy@all"), r.out());

    // an audit over a file that changed since is refused, not applied to other rows
    Path copy = dir.resolve("changed");
    Files.createDirectories(copy);
    Files.copy(dir.resolve("base/predictions.parquet"), copy.resolve("predictions.parquet"));
    Cli audited =
        Cli.run(
            "audit",
            copy.toString(),
            "--out",
            dir.resolve("audit-json-changed").toString(),
            "--resamples=20");
    assertEquals(0, audited.exitCode(), audited.err());
    Files.copy(
        dir.resolve("worse/predictions.parquet"),
        copy.resolve("predictions.parquet"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Cli changed = compare("audit-json-changed/audit.json", "worse", "out-json-changed");
    assertEquals(3, changed.exitCode(), changed.err());
    assertTrue(changed.err().contains("changed since"), changed.err());
    assertEquals(1, changed.err().strip().lines().count(), changed.err());
    assertFalse(Files.exists(dir.resolve("out-json-changed/changes.json")));
  }
}
