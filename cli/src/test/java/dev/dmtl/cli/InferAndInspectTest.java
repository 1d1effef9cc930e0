package dev.dmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dmtl.contract.ContentHash;
import dev.dmtl.testdata.BadInputs;
import dev.dmtl.testdata.TestData;
import dev.dmtl.testdata.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dmtl infer} and {@code dmtl inspect} end to end, in-process, with exit codes and messages.
 */
class InferAndInspectTest {

  @TempDir Path tmp;

  private Path model() throws Exception {
    return TinyModels.dmtl(5).writeTo(tmp.resolve("tiny.onnx"));
  }

  private static Path sample() throws Exception {
    try (Stream<Path> files = Files.list(TestData.utkfaceSample())) {
      return files.sorted().findFirst().orElseThrow();
    }
  }

  @Test
  void inferWritesTheResultAndSaysWhere() throws Exception {
    Path out = tmp.resolve("out");
    Cli r =
        Cli.run(
            "infer",
            "--runner",
            "direct",
            "-p",
            "2",
            "-m",
            model().toString(),
            "-o",
            out.toString(),
            "--labels",
            "utkface",
            TestData.bad().toString(),
            sample().toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    long corpusRows = BadInputs.EXPECTED.stream().filter(e -> e.stage() == null).count();
    long deadLetters = BadInputs.EXPECTED.size() - corpusRows;
    assertTrue(
        r.out()
            .startsWith(
                "dmtl infer: "
                    + (BadInputs.EXPECTED.size() + 1)
                    + " inputs, "
                    + (corpusRows + 1)
                    + " rows, "
                    + deadLetters
                    + " dead letters in "),
        r.out());
    assertTrue(
        r.out().contains("predictions:  " + out.toAbsolutePath() + "/predictions.parquet"),
        r.out());
    assertTrue(Files.isRegularFile(out.resolve("manifest.json")));
    assertTrue(
        r.err().contains("dmtl infer") && r.err().contains(deadLetters + " dead letters"),
        "progress on stderr: " + r.err());

    Cli again =
        Cli.run(
            "infer",
            "--runner",
            "direct",
            "-m",
            model().toString(),
            "-o",
            out.toString(),
            sample().toString());
    assertEquals(ExitCodes.BAD_INPUT, again.exitCode());
    assertTrue(
        again.err().startsWith("dmtl infer: output folder ")
            && again.err().contains("pass --overwrite"),
        again.err());
  }

  @Test
  void badInputsAreOneLineAndExitThree() throws Exception {
    String out = tmp.resolve("out").toString();
    Cli missing =
        Cli.run("infer", "-o", out, "-m", model().toString(), tmp.resolve("nope.jpg").toString());
    assertEquals(ExitCodes.BAD_INPUT, missing.exitCode());
    assertEquals("dmtl infer: input not found: " + tmp.resolve("nope.jpg") + "\n", missing.err());

    Path broken =
        TinyModels.broken(TinyModels.Defect.WRONG_OUTPUT_WIDTH).writeTo(tmp.resolve("wide.onnx"));
    Cli contract = Cli.run("infer", "-o", out, "-m", broken.toString(), sample().toString());
    assertEquals(ExitCodes.BAD_INPUT, contract.exitCode());
    assertEquals(
        "dmtl infer: "
            + broken
            + ": dmtl.tasks[0]: output 'age_logits' of ordinal task 'age' (K-1 thresholds for 116"
            + " ranks)"
            + " is 114, the contract requires 115\n",
        contract.err());

    Cli gpu =
        Cli.run(
            "infer", "-o", out, "-m", model().toString(), "--device", "gpu", sample().toString());
    assertEquals(ExitCodes.BAD_INPUT, gpu.exitCode());
    assertTrue(gpu.err().startsWith("dmtl infer: --device gpu: "), gpu.err());
    assertEquals(1, gpu.err().lines().count(), gpu.err());

    Cli labels =
        Cli.run(
            "infer",
            "-o",
            out,
            "-m",
            model().toString(),
            "--labels",
            tmp.resolve("l.csv").toString(),
            sample().toString());
    assertEquals(ExitCodes.BAD_INPUT, labels.exitCode());
    assertTrue(labels.err().startsWith("dmtl infer: --labels: cannot read "), labels.err());

    Cli inspectMissing = Cli.run("inspect", tmp.resolve("none.onnx").toString());
    assertEquals(ExitCodes.BAD_INPUT, inspectMissing.exitCode());
    assertTrue(inspectMissing.err().startsWith("dmtl inspect: "), inspectMissing.err());

    Path plain =
        TinyModels.broken(TinyModels.Defect.MISSING_METADATA).writeTo(tmp.resolve("plain.onnx"));
    Cli inspectBroken = Cli.run("inspect", plain.toString());
    assertEquals(ExitCodes.BAD_INPUT, inspectBroken.exitCode());
    assertEquals(
        "dmtl inspect: " + plain + ": metadata key dmtl.contract is missing\n",
        inspectBroken.err());

    for (Cli r : new Cli[] {missing, contract, gpu, labels, inspectMissing, inspectBroken}) {
      assertFalse(r.hasStackTrace(), r.err());
    }
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void aRuntimeFailureExitsOneWithAHint() throws Exception {
    Path notADir = Files.writeString(tmp.resolve("file"), "x");
    Cli r =
        Cli.run(
            "infer",
            "-q",
            "--runner",
            "direct",
            "-m",
            model().toString(),
            "-o",
            notADir.toString(),
            sample().toString());
    assertEquals(ExitCodes.RUNTIME_FAILURE, r.exitCode(), r.err());
    assertTrue(r.err().startsWith("dmtl infer: failed: "), r.err());
    assertTrue(r.err().endsWith("(run with --verbose for the stack trace)\n"), r.err());
    assertEquals(1, r.err().lines().count(), "one line: " + r.err());
    assertFalse(r.hasStackTrace(), r.err());
  }

  @Test
  void inspectPrintsWhatTheModelDeclares() throws Exception {
    Path model = model();
    String sha = ContentHash.sha256Hex(Files.readAllBytes(model));
    Cli r = Cli.run("inspect", model.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertTrue(r.out().contains("sha256:      " + sha + "\n"), r.out());
    assertTrue(
        r.out()
            .contains(
                "input:       'image' float32 NCHW [batch, 3, 64, 64] RGB, fed as (v / 255 - mean) / std,"
                    + " mean [0.5, 0.5, 0.5], std [0.25, 0.25, 0.25]"),
        r.out());
    assertTrue(
        r.out()
            .contains(
                "  age        ordinal  output 'age_logits' [batch, 115]  ranks 1..116 (116 ranks,"
                    + " 115 threshold logits)"),
        r.out());
    assertTrue(
        r.out()
            .contains(
                "  race       nominal  output 'race_logits' [batch, 5]  labels white, black, asian,"
                    + " indian, others"),
        r.out());
    // beta_i = 1 / sum_j exp(s_i - s_j) with s = (0.5, -0.3, 0.1): age 0.2119, gender 0.4716, race
    // 0.3161
    assertTrue(
        r.out().contains("task weights beta (Eq. 16) age 0.212, gender 0.472, race 0.316"),
        r.out());
    assertTrue(r.out().contains("face template: 64x64, (21.9, 29.5)"), r.out());
    assertTrue(
        r.out()
            .contains(
                "explainable: no: the model declares no feature maps (occlusion sensitivity only)"),
        r.out());

    Cli json = Cli.run("inspect", "--json", model.toString());
    assertEquals(ExitCodes.OK, json.exitCode());
    JsonNode node = new ObjectMapper().readTree(json.out());
    assertEquals(sha, node.path("sha256").asText());
    assertEquals(116, node.path("metadata").path("dmtl.tasks").get(0).path("ranks").size());
  }

  @Test
  void theBundledModelIsExplainable() {
    Cli r = Cli.run("inspect");
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertTrue(
        r.out().contains("explainable: yes (exact class activation maps for age, gender, race)"),
        r.out());
  }
}
