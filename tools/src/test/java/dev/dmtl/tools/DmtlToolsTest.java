package dev.dmtl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.tools.check.Manifests;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The entry point's contract: every tool listed, documented exit codes, one-line errors. */
class DmtlToolsTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = DmtlTools.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void helpListsEveryToolAndTheExitCodes() {
    assertEquals(ExitCodes.OK, run("--help"));
    for (String tool :
        new String[] {
          "pipeline-vs-loop",
          "training-speed",
          "check-outputs",
          "wild-detection",
          "face-template",
          "alignment-check",
          "alignment-faithfulness",
          "detection-throughput"
        }) {
      assertTrue(out.toString().contains(tool), tool + " missing from:\n" + out);
    }
    assertTrue(out.toString().contains("Exit codes:"), out.toString());
  }

  @Test
  void noToolIsAUsageError() {
    assertEquals(ExitCodes.USAGE, run());
    assertTrue(err.toString().startsWith("dmtl-tools: a tool is required"), err.toString());
  }

  @Test
  void theOldClassNamesStillNameTheDetectionTools() {
    assertEquals(ExitCodes.OK, run("WildDetectionEvaluation", "--help"));
    assertTrue(out.toString().contains("wild-detection"), out.toString());
  }

  @Test
  void aMissingDataFolderIsOneLineAndExitCode3(@TempDir Path dir) {
    Path missing = dir.resolve("wild");
    assertEquals(ExitCodes.BAD_INPUT, run("wild-detection", missing.toString()));
    assertEquals(
        "dmtl-tools wild-detection: no folder "
            + missing
            + " (the annotated photos; ../shared/data/wild is not part of a clone)",
        err.toString().strip());
  }

  @Test
  void aMissingModelIsOneLineAndExitCode3(@TempDir Path dir) throws Exception {
    Path crops = Files.createDirectories(dir.resolve("crops"));
    Path model = dir.resolve("missing.onnx");
    assertEquals(
        ExitCodes.BAD_INPUT, run("alignment-faithfulness", model.toString(), crops.toString()));
    assertEquals(
        "dmtl-tools alignment-faithfulness: no file " + model + " (a DMTL ONNX model)",
        err.toString().strip());
  }

  @Test
  void aBadValueIsAUsageError() {
    assertEquals(ExitCodes.USAGE, run("training-speed", "96:1:1"));
    assertTrue(err.toString().startsWith("dmtl-tools training-speed: "), err.toString());
    assertTrue(err.toString().contains("SIZE:WIDTH:DEPTH:SPLIT"), err.toString());
  }

  @Test
  void checkOutputsPassesAnEmptyButConsistentOutputAndFailsAMissingManifest(@TempDir Path dir)
      throws Exception {
    Path good = Files.createDirectories(dir.resolve("good"));
    Files.write(good.resolve("manifest.json"), Manifests.withCounts(0, 0, 0, 0).toJson());
    assertEquals(ExitCodes.OK, run("check-outputs", "check", good.toString()));
    assertTrue(out.toString().startsWith("OK check: 0 distinct inputs"), out.toString());

    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertEquals(ExitCodes.FAILED, run("check-outputs", "check", empty.toString()));
    assertTrue(out.toString().contains("FAILED (1 problems) check:"), out.toString());
    assertTrue(out.toString().contains("no manifest.json in " + empty), out.toString());
  }
}
