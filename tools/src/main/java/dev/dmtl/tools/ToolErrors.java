package dev.dmtl.tools;

import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.pipeline.InvalidRunException;
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
 * Maps failures to {@link ExitCodes}: usage and input errors are one line on stderr, prefixed with
 * the command ({@code dmtl-tools wild-detection: no folder …}); any other failure is a bug or an
 * environment problem in a developer tool, so it gets its one line and the stack trace.
 */
final class ToolErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    err.println(name + ": " + firstLine(ex.getMessage()));
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
    if (isBadInput(ex)) {
      String message = ex instanceof NoSuchFileException ? "no such file: " + ex.getMessage() : ex.getMessage();
      err.println(name + ": " + firstLine(message));
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
    err.println(name + ": failed: " + firstLine(String.valueOf(ex.getMessage())));
    ex.printStackTrace(err);
    err.flush();
    return ExitCodes.FAILED;
  }

  /** What the user named is unusable: the same cases the product's dmtl reports with exit code 3. */
  static boolean isBadInput(Exception ex) {
    return ex instanceof ToolInputException || ex instanceof NoSuchFileException || ex instanceof FileNotFoundException
        || ex instanceof InvalidRunException || ex instanceof ContractViolationException;
  }

  static String firstLine(String message) {
    String m = message == null ? "" : message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }
}
