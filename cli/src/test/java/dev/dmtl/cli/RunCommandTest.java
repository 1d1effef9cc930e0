package dev.dmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dmtl.testdata.TestData;
import dev.dmtl.testdata.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dmtl run}: infer → audit → report in one command, on the bundled UTKFace sample. */
class RunCommandTest {

  @TempDir Path tmp;

  @Test
  void writesPredictionsAuditAndReport() throws Exception {
    Path model = TinyModels.dmtl(3).writeTo(tmp.resolve("tiny.onnx"));
    Path out = tmp.resolve("run");
    Cli r =
        Cli.run(
            "run",
            "-q",
            "--runner",
            "direct",
            "-p",
            "2",
            "-m",
            model.toString(),
            "--labels",
            "utkface",
            "--resamples",
            "20",
            "-o",
            out.toString(),
            TestData.utkfaceSample().toString(),
            TestData.bad().toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err() + r.out());
    assertFalse(r.hasStackTrace(), r.err());
    for (String file :
        new String[] {
          "predictions.parquet",
          "dead_letters.parquet",
          "manifest.json",
          "audit/audit.json",
          "audit/groups.csv",
          "report/report.html"
        }) {
      assertTrue(Files.isRegularFile(out.resolve(file)), file + " missing; output: " + r.out());
    }
    assertTrue(
        r.out().contains("report: " + out.toAbsolutePath().resolve("report/report.html")), r.out());

    JsonNode audit = new ObjectMapper().readTree(out.resolve("audit/audit.json").toFile());
    assertEquals(
        "labelled",
        audit.path("mode").asText(),
        "labels from the file names make a labelled audit");
    String html = Files.readString(out.resolve("report/report.html"));
    assertTrue(html.contains("gender") && html.contains("race"), "the report covers the tasks");
    // the dead letters of the bad-input corpus are counted in the report's coverage, not lost
    long inputs;
    try (var files = Files.list(TestData.utkfaceSample())) {
      inputs = files.count();
    }
    assertTrue(r.out().startsWith("infer: "), r.out());
    assertTrue(r.out().contains(" rows, "), r.out());
    assertTrue(inputs > 200);
  }

  @Test
  void aViolatedFairnessRuleExitsFourAfterWritingTheReport() throws Exception {
    Path model = TinyModels.dmtl(3).writeTo(tmp.resolve("tiny.onnx"));
    Path out = tmp.resolve("gate");
    Cli r =
        Cli.run(
            "run",
            "-q",
            "--runner",
            "direct",
            "-m",
            model.toString(),
            "--labels",
            "utkface",
            "--resamples",
            "0",
            "--fail-on",
            "gender.accuracy<0.99",
            "-o",
            out.toString(),
            TestData.utkfaceSample().toString());
    assertEquals(ExitCodes.RULE_VIOLATED, r.exitCode(), r.err() + r.out());
    assertTrue(Files.isRegularFile(out.resolve("report/report.html")));
  }

  @Test
  void noInputIsAUsageError() {
    Cli r = Cli.run("run", "-o", tmp.resolve("x").toString());
    assertEquals(ExitCodes.USAGE, r.exitCode());
    assertTrue(r.err().startsWith("dmtl run: no input"), r.err());
  }

  @Test
  void badDetectorSettingsAreUsageErrors() {
    Cli r = Cli.run("infer", "--face-score", "1.5", "-o", tmp.resolve("x").toString(), "in.jpg");
    assertEquals(ExitCodes.USAGE, r.exitCode());
    assertTrue(
        r.err().startsWith("dmtl infer: face score threshold must be in (0, 1], got 1.5"), r.err());
  }

  @Test
  void aBadAttributeFileStopsTheRunBeforeInference() throws Exception {
    Path model = TinyModels.dmtl(3).writeTo(tmp.resolve("tiny.onnx"));
    Path bad = Files.writeString(tmp.resolve("attributes.csv"), "path,gender\na.jpg,f\n");
    Path out = tmp.resolve("never");
    Cli r =
        Cli.run(
            "run",
            "-q",
            "--runner",
            "direct",
            "-m",
            model.toString(),
            "--attributes",
            bad.toString(),
            "-o",
            out.toString(),
            TestData.utkfaceSample().toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err() + r.out());
    assertTrue(r.err().contains("is named like the model's task"), r.err());
    assertFalse(r.hasStackTrace(), r.err());
    assertFalse(Files.exists(out.resolve("predictions.parquet")), "nothing was inferred");
  }

  @Test
  void aBaselineRunIsComparedWithThisRunAndGatedByDeltaRules() throws Exception {
    Path baselineRun = tmp.resolve("baseline");
    Cli first = runSample(TinyModels.dmtl(3).writeTo(tmp.resolve("a.onnx")), baselineRun);
    assertEquals(ExitCodes.OK, first.exitCode(), first.err() + first.out());

    Path candidateRun = tmp.resolve("candidate");
    Cli r =
        runSample(
            TinyModels.dmtl(4).writeTo(tmp.resolve("b.onnx")),
            candidateRun,
            "--baseline",
            baselineRun.toString(),
            "--fail-on",
            "delta(gender.accuracy)>-1");
    assertFalse(r.hasStackTrace(), r.err());
    assertTrue(Files.isRegularFile(candidateRun.resolve("report/report.html")), r.out());
    assertTrue(Files.isRegularFile(candidateRun.resolve("changes/changes.json")), r.out());
    assertTrue(Files.isRegularFile(candidateRun.resolve("changes/changes.csv")), r.out());
    assertTrue(r.out().contains("changes against the baseline " + baselineRun), r.out());
    String html = Files.readString(candidateRun.resolve("report/report.html"));
    assertTrue(html.contains("id=\"changes\""), "the report shows what changed");
    assertTrue(
        Files.isRegularFile(candidateRun.resolve("report/changes.csv")),
        "the report's CSV set has the changes");
    JsonNode changes =
        new ObjectMapper().readTree(candidateRun.resolve("changes/changes.json").toFile());
    long inputs;
    try (var files = Files.list(TestData.utkfaceSample())) {
      inputs = files.count();
    }
    assertEquals(inputs, changes.path("overlap").path("both").asLong(), "the same faces pair");
    assertEquals(0, changes.path("overlap").path("only_baseline").asLong());
    JsonNode outcome = changes.path("rule_outcomes").get(0);
    assertEquals("delta(gender.accuracy)>-1", outcome.path("rule").asText());
    // the gate holds for any change that is measurable and not an improvement
    String verdict = outcome.path("verdict").asText();
    boolean regressed = verdict.equals("worse") || verdict.equals("changed");
    assertEquals(regressed ? ExitCodes.RULE_VIOLATED : ExitCodes.OK, r.exitCode(), r.out());
  }

  @Test
  void aMissingBaselineStopsTheRunBeforeInference() throws Exception {
    Path out = tmp.resolve("never");
    Cli r =
        runSample(
            TinyModels.dmtl(3).writeTo(tmp.resolve("tiny.onnx")),
            out,
            "--baseline",
            tmp.resolve("no-such-run").toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err() + r.out());
    assertTrue(r.err().contains("baseline not found"), r.err());
    assertFalse(r.hasStackTrace(), r.err());
    assertFalse(Files.exists(out.resolve("predictions.parquet")), "nothing was inferred");
  }

  @Test
  void aDeltaRuleWithoutABaselineIsAUsageError() throws Exception {
    Cli r =
        runSample(
            TinyModels.dmtl(3).writeTo(tmp.resolve("tiny.onnx")),
            tmp.resolve("never"),
            "--fail-on",
            "delta(gender.accuracy)<-0.02");
    assertEquals(ExitCodes.USAGE, r.exitCode(), r.err() + r.out());
    assertTrue(r.err().contains("needs --baseline"), r.err());
  }

  /** {@code dmtl run} of the labelled UTKFace sample with a model, into {@code out}. */
  private static Cli runSample(Path model, Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "-q",
                "--runner",
                "direct",
                "-p",
                "2",
                "-m",
                model.toString(),
                "--labels",
                "utkface",
                "--resamples",
                "20",
                "-o",
                out.toString()));
    args.addAll(List.of(more));
    args.add(TestData.utkfaceSample().toString());
    return Cli.run(args.toArray(String[]::new));
  }
}
