package dev.dmtl.tools.check;

import dev.dmtl.tools.ExitCodes;
import dev.dmtl.tools.InputPaths;
import dev.dmtl.tools.ToolInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dmtl-tools check-outputs}: {@link OutputComparison} for the cluster and fault scripts (not
 * a test). Each subcommand prints one line ({@code OK …} or {@code FAILED …} plus up to ten
 * problems) and exits 0 when OK, 1 when not.
 */
@Command(
    name = "check-outputs",
    mixinStandardHelpOptions = true,
    description =
        "Compares two published `dmtl infer` outputs on content, or checks one against its manifest and input list.",
    subcommands = {CheckOutputs.Compare.class, CheckOutputs.Check.class})
public final class CheckOutputs implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "compare or check is required");
  }

  /** {@code compare DIR_A DIR_B}: same rows and dead letters on content, not order. */
  @Command(
      name = "compare",
      mixinStandardHelpOptions = true,
      description = "Same rows and dead letters on content, not order; floats within --tolerance.")
  static final class Compare implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR_A", description = "A published output folder.")
    Path first;

    @Parameters(
        index = "1",
        paramLabel = "DIR_B",
        description = "The output folder to compare it with.")
    Path second;

    @Option(
        names = "--tolerance",
        defaultValue = "1e-5",
        paramLabel = "REL",
        description =
            "Largest accepted relative difference of float values (batches are composed differently on "
                + "different runners). Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Override
    public Integer call() throws IOException, ToolInputException {
      RunOutput a = RunOutput.read(InputPaths.directory(first, "a dmtl infer output"));
      RunOutput b = RunOutput.read(InputPaths.directory(second, "a dmtl infer output"));
      return report(spec, "compare", OutputComparison.compare(a, b, tolerance));
    }
  }

  /**
   * {@code check DIR [INPUT_LIST]}: one output's counts add up and every listed input is accounted
   * for once.
   */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "The manifest's counts add up and match the files, no duplicates, and, with INPUT_LIST, every "
              + "listed file is accounted for exactly once.")
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A published output folder.")
    Path dir;

    @Parameters(
        index = "1",
        arity = "0..1",
        paramLabel = "INPUT_LIST",
        description = "Plain image files, one per line, as given to `dmtl infer --input-list`.")
    Path inputList;

    @Override
    public Integer call() throws IOException, ToolInputException {
      List<String> inputs =
          inputList == null ? null : inputList(InputPaths.file(inputList, "an input list"));
      return report(
          spec,
          "check",
          OutputComparison.check(
              RunOutput.read(InputPaths.directory(dir, "a dmtl infer output")), inputs));
    }
  }

  private static int report(CommandSpec spec, String what, OutputComparison.Result result) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        (result.ok() ? "OK " : "FAILED (" + result.problemCount() + " problems) ")
            + what
            + ": "
            + result.summary());
    result.problems().forEach(p -> out.println("  " + p));
    out.flush();
    return result.ok() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** Listed plain files as the pipeline addresses them: absolute, normalised. */
  static List<String> inputList(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .map(l -> Paths.get(l).toAbsolutePath().normalize().toString())
        .toList();
  }
}
