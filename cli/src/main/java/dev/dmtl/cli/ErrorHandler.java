package dev.dmtl.cli;

import dev.dmtl.app.BadInputException;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.inference.model.DeviceUnavailableException;
import dev.dmtl.pipeline.InvalidRunException;
import dev.dmtl.pipeline.RunFailedException;
import dev.dmtl.reports.ReportInputException;
import dev.dmtl.reports.pdf.BrowserUnavailableException;
import dev.dmtl.training.IncompatibleWeightsException;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Maps failures to {@link ExitCodes} and prints them as one line on stderr, prefixed with the
 * command: {@code dmtl infer: input not found: x.jpg}. User errors never show a stack trace;
 * runtime failures show one only with {@code --verbose}.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    return usageError(ex);
  }

  /**
   * A usage error as every command line of the project reports it (the developer tools too): one
   * line naming the command, picocli's suggestions for a mistyped option, a pointer to {@code
   * --help}.
   *
   * @return {@link ExitCodes#USAGE}
   */
  public static int usageError(ParameterException ex) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    err.println(name + ": " + oneLine(ex.getMessage()));
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + name + " --help' for more information.");
    err.flush();
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    if (ex instanceof ParameterException p) {
      return handleParseException(p, parseResult.originalArgs().toArray(String[]::new));
    }
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    if (isUserError(ex)) {
      err.println(name + ": " + oneLine(ex.getMessage()));
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
    // RunFailedException's message already names the cause inside the runner's wrappers
    String what = ex instanceof RunFailedException ? ex.getMessage() : summary(ex);
    boolean verbose =
        parseResult.originalArgs().contains("-v")
            || parseResult.originalArgs().contains("--verbose");
    if (verbose) {
      err.println(name + ": failed: " + what);
      ex.printStackTrace(err);
    } else {
      err.println(name + ": failed: " + what + " (run with --verbose for the stack trace)");
    }
    err.flush();
    return ExitCodes.RUNTIME_FAILURE;
  }

  /** What the user named is unusable: exit code 3 and one line, no stack trace. */
  public static boolean isUserError(Throwable e) {
    return e instanceof InvalidRunException
        || e instanceof ContractViolationException
        || e instanceof DeviceUnavailableException
        || e instanceof NoSuchFileException
        || e instanceof FileNotFoundException
        || e instanceof ReportInputException
        || e instanceof IncompatibleWeightsException
        || e instanceof BadInputException
        || e instanceof BrowserUnavailableException;
  }

  /** The outermost message plus the root cause's, which is usually the informative one. */
  static String summary(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String outer = e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
    if (root == e) {
      return outer;
    }
    String inner =
        root.getClass().getSimpleName()
            + (root.getMessage() == null ? "" : ": " + oneLine(root.getMessage()));
    return outer.contains(inner) ? outer : outer + " (caused by " + inner + ")";
  }

  /** The first line of a message, stripped; empty for null. */
  public static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    String first = message.strip();
    int nl = first.indexOf('\n');
    return nl < 0 ? first : first.substring(0, nl).strip();
  }
}
