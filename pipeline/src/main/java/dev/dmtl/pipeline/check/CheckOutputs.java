package dev.dmtl.pipeline.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Command line of {@link OutputComparison}, for the cluster and fault scripts (not a test). Usage:
 *
 * <pre>
 * java -cp cli/target/dmtl.jar dev.dmtl.pipeline.check.CheckOutputs compare DIR_A DIR_B [TOLERANCE]
 * java -cp cli/target/dmtl.jar dev.dmtl.pipeline.check.CheckOutputs check DIR [INPUT_LIST]
 * </pre>
 *
 * <p>{@code compare}: same rows and dead letters on content, not order; floats within TOLERANCE
 * (relative, default 1e-5: batches are composed differently on different runners). {@code check}:
 * the manifest's counts add up and match the files, no duplicates, and, with INPUT_LIST (plain
 * image files, one per line, as for {@code --input-list}), every listed file is accounted for once.
 * Prints one line ({@code OK …} or {@code FAILED …} plus up to ten problems); exit 0 when OK, 1 when
 * not, 2 on a usage error.
 */
public final class CheckOutputs {

  private CheckOutputs() {}

  public static void main(String[] args) throws IOException {
    OutputComparison.Result result;
    if (args.length >= 3 && args.length <= 4 && args[0].equals("compare")) {
      double tolerance = args.length == 4 ? Double.parseDouble(args[3]) : 1e-5;
      result = OutputComparison.compare(RunOutput.read(Paths.get(args[1])), RunOutput.read(Paths.get(args[2])), tolerance);
    } else if (args.length >= 2 && args.length <= 3 && args[0].equals("check")) {
      List<String> inputs = args.length == 3 ? inputList(Paths.get(args[2])) : null;
      result = OutputComparison.check(RunOutput.read(Paths.get(args[1])), inputs);
    } else {
      System.err.println("usage: CheckOutputs compare DIR_A DIR_B [TOLERANCE] | check DIR [INPUT_LIST]");
      System.exit(2);
      return;
    }
    System.out.println((result.ok() ? "OK " : "FAILED (" + result.problemCount() + " problems) ") + args[0] + ": "
        + result.summary());
    result.problems().forEach(p -> System.out.println("  " + p));
    System.exit(result.ok() ? 0 : 1);
  }

  /** Listed plain files as the pipeline addresses them: absolute, normalised. */
  static List<String> inputList(Path file) throws IOException {
    return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .map(l -> Paths.get(l).toAbsolutePath().normalize().toString()).toList();
  }
}
