package dev.dmtl.tools;

import dev.dmtl.cli.ErrorHandler;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Maps failures to {@link ExitCodes}: usage and input errors are one line on stderr, prefixed with
 * the command ({@code dmtl-tools wild-detection: no folder …}); any other failure is a bug or an
 * environment problem in a developer tool, so it gets its one line and the stack trace.
 */
final class ToolErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    return ErrorHandler.usageError(ex);
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    if (ex instanceof ParameterException p) {
      return handleParseException(p, parseResult.originalArgs().toArray(String[]::new));
    }
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    if (isBadInput(ex)) {
      String message =
          ex instanceof NoSuchFileException ? "no such file: " + ex.getMessage() : ex.getMessage();
      err.println(name + ": " + ErrorHandler.oneLine(message));
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
    err.println(name + ": failed: " + ErrorHandler.oneLine(String.valueOf(ex.getMessage())));
    ex.printStackTrace(err);
    err.flush();
    return ExitCodes.FAILED;
  }

  /**
   * What the user named is unusable: the same cases the product's dmtl reports with exit code 3.
   */
  static boolean isBadInput(Exception ex) {
    return ex instanceof ToolInputException || ErrorHandler.isUserError(ex);
  }
}
