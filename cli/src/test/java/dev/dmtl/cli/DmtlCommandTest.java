package dev.dmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.ToolVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Help, version and usage errors of every command. */
class DmtlCommandTest {

  @Test
  void helpListsTheSubcommandsAndTheExitCodes() {
    Cli r = Cli.run("--help");
    assertEquals(ExitCodes.OK, r.exitCode());
    assertTrue(r.out().contains("infer") && r.out().contains("inspect"), r.out());
    assertTrue(r.out().contains("Exit codes:") && r.out().contains("3   bad input"), r.out());
  }

  @Test
  void everyCommandHasHelpAndVersion() {
    for (String command : new String[] {"infer", "inspect", "contract"}) {
      Cli help = Cli.run(command, "--help");
      assertEquals(ExitCodes.OK, help.exitCode(), command);
      assertTrue(help.out().startsWith("Usage: dmtl " + command), help.out());
      assertTrue(help.out().contains("Exit codes:"), command);
      Cli version = Cli.run(command, "--version");
      assertEquals(ExitCodes.OK, version.exitCode(), command);
      assertTrue(version.out().startsWith(ToolVersion.describe() + "\n"), version.out());
    }
    assertTrue(Cli.run("infer", "--help").out().contains("--batch-size=N"));
    assertTrue(Cli.run("--version").out().contains("model contract 1 and 2"));
  }

  @Test
  void everyHelpTextRendersWithoutFormatWarnings() {
    // picocli formats descriptions with String.format and only warns on System.err when a stray
    // '%' breaks it (e.g. "80 % train"): catch that for every subcommand
    PrintStream original = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    try {
      for (String command : Dmtl.commandLine().getSubcommands().keySet()) {
        Cli help = Cli.run(command, "--help");
        assertEquals(ExitCodes.OK, help.exitCode(), command);
        assertTrue(help.out().contains("Usage: dmtl " + command), help.out());
      }
    } finally {
      System.setErr(original);
    }
    assertEquals("", warnings.toString(StandardCharsets.UTF_8));
  }

  @Test
  void usageErrorsAreOneLineAndExitTwo() {
    Cli none = Cli.run();
    assertEquals(ExitCodes.USAGE, none.exitCode());
    assertTrue(none.err().startsWith("dmtl: a command is required"), none.err());

    Cli noOutput = Cli.run("infer", "a.jpg");
    assertEquals(ExitCodes.USAGE, noOutput.exitCode());
    assertTrue(
        noOutput.err().startsWith("dmtl infer: Missing required option: '--output=DIR'"),
        noOutput.err());

    Cli batch = Cli.run("infer", "-o", "out", "--batch-size", "0", "a.jpg");
    assertEquals(ExitCodes.USAGE, batch.exitCode());
    assertEquals(
        "dmtl infer: --batch-size must be >= 1, got 0\nTry 'dmtl infer --help' for more information.\n",
        batch.err());

    Cli device = Cli.run("infer", "-o", "out", "--device", "tpu", "a.jpg");
    assertEquals(ExitCodes.USAGE, device.exitCode());
    assertTrue(
        device.err().startsWith("dmtl infer: unknown device 'tpu' (expected cpu or gpu)"),
        device.err());

    Cli faces = Cli.run("infer", "-o", "out", "--faces", "sideways", "a.jpg");
    assertEquals(ExitCodes.USAGE, faces.exitCode());
    assertTrue(
        faces.err().startsWith("dmtl infer: unknown face mode 'sideways' (expected one of aligned"),
        faces.err());

    Cli unknown = Cli.run("infer", "-o", "out", "--bogus", "a.jpg");
    assertEquals(ExitCodes.USAGE, unknown.exitCode());
    assertTrue(unknown.err().startsWith("dmtl infer: Unknown option: '--bogus'"), unknown.err());

    Cli noInput = Cli.run("infer", "-o", "out");
    assertEquals(ExitCodes.USAGE, noInput.exitCode());
    assertTrue(
        noInput
            .err()
            .startsWith("dmtl infer: no input: name at least one INPUT or --input-list FILE"));
    for (Cli r : new Cli[] {none, noOutput, batch, device, faces, unknown, noInput}) {
      assertFalse(r.hasStackTrace(), r.err());
    }
  }
}
