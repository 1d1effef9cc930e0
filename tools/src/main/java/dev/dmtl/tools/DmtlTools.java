package dev.dmtl.tools;

import dev.dmtl.cli.Dmtl;
import dev.dmtl.contract.ToolVersion;
import dev.dmtl.inference.model.OrtNatives;
import dev.dmtl.tools.bench.ExplainSanity;
import dev.dmtl.tools.bench.PipelineVsLoop;
import dev.dmtl.tools.bench.TrainingSpeed;
import dev.dmtl.tools.check.CheckOutputs;
import dev.dmtl.tools.data.AddCamOutputs;
import dev.dmtl.tools.data.ForeignLayoutModels;
import dev.dmtl.tools.data.SampleAttributes;
import dev.dmtl.tools.detect.AlignmentCheck;
import dev.dmtl.tools.detect.AlignmentFaithfulness;
import dev.dmtl.tools.detect.DetectionThroughput;
import dev.dmtl.tools.detect.FaceTemplateEstimator;
import dev.dmtl.tools.detect.WildDetectionEvaluation;
import java.io.IOException;
import java.nio.file.Paths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dmtl-tools}: the developer tools, one subcommand each. Run through {@code
 * scripts/dmtl-tools.sh}, which builds this module and its classpath first.
 */
@Command(
    name = "dmtl-tools",
    mixinStandardHelpOptions = true,
    versionProvider = DmtlTools.Version.class,
    description =
        "Developer tools of dmtl: benchmarks, face-detector evaluations, output checks. Not part of dmtl.jar.",
    subcommands = {
      PipelineVsLoop.class,
      TrainingSpeed.class,
      ExplainSanity.class,
      CheckOutputs.class,
      WildDetectionEvaluation.class,
      FaceTemplateEstimator.class,
      AlignmentCheck.class,
      AlignmentFaithfulness.class,
      DetectionThroughput.class,
      SampleAttributes.class,
      ForeignLayoutModels.class,
      AddCamOutputs.class,
      CommandLine.HelpCommand.class,
    })
public final class DmtlTools implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a tool is required; see --help for the list");
  }

  /**
   * The configured command line: exception → exit code mapping, one-line errors, exit codes in
   * every help.
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new DmtlTools());
    ToolErrors errors = new ToolErrors();
    cli.setExecutionExceptionHandler(errors);
    cli.setParameterExceptionHandler(errors);
    Dmtl.addExitCodeHelp(cli, ExitCodes.help());
    return cli;
  }

  public static void main(String[] args) {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true"); // never download engines or models
    }
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      // the tools print their results on stdout; Parquet's and DJL's INFO lines would bury them
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    try {
      // as dmtl does: otherwise every run leaves 22 MB of ONNX Runtime natives in a new /tmp folder
      OrtNatives.prepare(Paths.get(System.getProperty("user.home"), ".cache", "dmtl"));
    } catch (IOException e) {
      // not fatal: ONNX Runtime then extracts its libraries to a temporary folder itself
      System.err.println(
          "dmtl-tools: warning: cannot cache ONNX Runtime natives: " + e.getMessage());
    }
    // System.exit, not a return: embedded Flink leaves non-daemon threads behind after a pipeline
    // run
    System.exit(commandLine().execute(args));
  }

  /** The project version, as the product's {@code dmtl --version} reports it. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"dmtl-tools " + ToolVersion.version()};
    }
  }
}
