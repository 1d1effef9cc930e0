package dev.dmtl.cli;

import dev.dmtl.inference.model.OrtNatives;
import java.io.IOException;
import java.nio.file.Paths;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dmtl}: the top command. It only lists the subcommands; each subcommand is its own class
 * (add one to {@code subcommands} below) and takes the shared {@link CommonOptions} mixin.
 */
@Command(
    name = "dmtl",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Batch face-attribute inference (age, gender, race) and fairness audits with DMTL ONNX models.",
    subcommands = {
      RunCommand.class,
      InferCommand.class,
      AuditCommand.class,
      CompareCommand.class,
      ExplainCommand.class,
      ReportCommand.class,
      InspectCommand.class,
      ContractCommand.class,
      TrainCommand.class,
      AverageCommand.class,
      ExportCommand.class,
      EvaluateCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class Dmtl implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "a command is required (run, infer, audit, report, inspect, contract, train, export, evaluate)");
  }

  /** The configured command line: exception → exit code mapping, one-line errors. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Dmtl());
    ErrorHandler errors = new ErrorHandler();
    cli.setExecutionExceptionHandler(errors);
    cli.setParameterExceptionHandler(errors);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    addExitCodeHelp(cli, ExitCodes.help());
    return cli;
  }

  /**
   * Every command's help ends with the exit codes (the developer tools list theirs the same way).
   */
  public static void addExitCodeHelp(CommandLine cli, java.util.Map<String, String> codes) {
    cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    cli.getSubcommands().values().forEach(sub -> addExitCodeHelp(sub, codes));
  }

  public static void main(String[] args) {
    Logging.configure(
        Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose"));
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true"); // never download engines or models
    }
    try {
      OrtNatives.prepare(Paths.get(System.getProperty("user.home"), ".cache", "dmtl"));
    } catch (IOException e) {
      // not fatal: ONNX Runtime then extracts its libraries to a temporary folder itself
      System.err.println("dmtl: warning: cannot cache ONNX Runtime natives: " + e.getMessage());
    }
    int code = commandLine().execute(args);
    System.exit(code);
  }
}
