package dev.dmtl.cli;

import dev.dmtl.pipeline.InvalidRunException;
import dev.dmtl.training.RunFolder;
import dev.dmtl.training.TrainConfig;
import dev.dmtl.training.TrainingData;
import dev.dmtl.training.TrainingRun;
import dev.dmtl.training.WeightAveraging;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dmtl average}: stochastic weight averaging of a run's checkpoints into one checkpoint that
 * {@code dmtl export} takes (see {@link WeightAveraging}).
 */
@Command(
    name = "average",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Average the weights of several checkpoints of one training run (stochastic weight averaging), re-measure "
          + "the BatchNorm statistics of the average on training images, validate it on the val split and write "
          + "it as a checkpoint, with a JSON summary beside it, for dmtl export --checkpoint.",
      "Typical use: train with --keep-epoch-checkpoints and a constant --lr, then average the last epochs.",
    })
final class AverageCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--run",
      required = true,
      paramLabel = "DIR",
      description = "A run folder written by dmtl train.")
  Path run;

  @Option(
      names = "--epochs",
      paramLabel = "FROM-TO",
      description =
          "Average the run's kept epoch checkpoints FROM to TO (epochs/epoch-NNN.ckpt, written with "
              + "dmtl train --keep-epoch-checkpoints).")
  String epochs;

  @Parameters(
      paramLabel = "CKPT",
      arity = "0..*",
      description = "Checkpoint files of the run to average " + "(instead of --epochs).")
  List<Path> checkpoints = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE.ckpt",
      description =
          "The averaged checkpoint. Default: RUN/average.ckpt (summary: RUN/average.json).")
  Path output;

  @Option(names = "--overwrite", description = "Replace an existing output checkpoint.")
  boolean overwrite;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Where decoded images are cached, as for dmtl train. Default: RUN/cache.")
  Path cache;

  @Option(
      names = "--calibration-images",
      paramLabel = "N",
      defaultValue = "" + WeightAveraging.DEFAULT_CALIBRATION_IMAGES,
      description =
          "Training images whose activations set the BatchNorm statistics. Default: ${DEFAULT-VALUE}.")
  int calibrationImages;

  @Override
  public Integer call() throws IOException, InvalidRunException {
    RunFolder folder = new RunFolder(run);
    if (!Files.isRegularFile(folder.config())) {
      throw new NoSuchFileException(folder.config().toString(), null, "not a training run folder");
    }
    List<Path> inputs = inputs(folder);
    if (inputs.size() < 2) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "an average needs at least two checkpoints, got " + inputs.size());
    }
    if (calibrationImages < WeightAveraging.CALIBRATION_BATCH) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--calibration-images must be at least "
              + WeightAveraging.CALIBRATION_BATCH
              + ", not "
              + calibrationImages);
    }
    for (Path input : inputs) {
      if (!Files.isRegularFile(input)) {
        throw new NoSuchFileException(input.toString(), null, "checkpoint not found");
      }
    }
    Path out = output != null ? output : run.resolve("average.ckpt");
    if (Files.exists(out) && !overwrite) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), out + " already exists: add --overwrite to replace it");
    }
    TrainConfig config = folder.readConfig();
    Path data = Path.of(config.data());
    if (!Files.isDirectory(data)) {
      throw new NoSuchFileException(
          data.toString(),
          null,
          "the run's training data is not there; dmtl average re-measures BatchNorm on it");
    }
    Path cacheDir = cache != null ? cache : run.resolve("cache");
    Files.createDirectories(cacheDir);
    WeightAveraging.Summary summary;
    try (ConsoleTrainingListener listener =
            new ConsoleTrainingListener(
                Terminal.interactive(), System.err, spec.commandLine().getErr());
        TrainingRun training = new TrainingRun(config, run, listener)) {
      // the checkpoints first: a wrong one is reported before minutes of decoding
      WeightAveraging.Mean mean = WeightAveraging.loadMean(training, inputs);
      TrainingData caches = TrainingData.load(config, cacheDir, listener);
      if (caches.train().count() < WeightAveraging.CALIBRATION_BATCH) {
        throw new InvalidRunException(
            run
                + ": only "
                + caches.train().count()
                + " training images; re-measuring "
                + "BatchNorm needs at least "
                + WeightAveraging.CALIBRATION_BATCH);
      }
      summary = WeightAveraging.calibrateAndSave(training, mean, caches, calibrationImages, out);
    }
    var v = summary.validation();
    PrintWriter pw = spec.commandLine().getOut();
    pw.printf(
        Locale.ROOT,
        "dmtl average: %d checkpoints -> %s (BatchNorm of %d layers re-measured on %d images)%n",
        summary.sources().size(),
        out,
        summary.batchNorms(),
        summary.calibrationImages());
    pw.printf(
        Locale.ROOT,
        "  val: age MAE %.2f (exp %.2f) decade %.3f gender %.3f race %.3f  score %.5f%n",
        v.ageMae(),
        v.ageMaeExpected(),
        v.decadeAccuracy(),
        v.genderAccuracy(),
        v.raceAccuracy(),
        summary.score());
    pw.println("  export: dmtl export --run " + run + " --checkpoint " + out + " -o model.onnx");
    pw.flush();
    return ExitCodes.OK;
  }

  private List<Path> inputs(RunFolder folder) {
    if ((epochs == null) == checkpoints.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give either --epochs FROM-TO or checkpoint files");
    }
    if (epochs == null) {
      return checkpoints;
    }
    String[] range = epochs.split("-", -1);
    try {
      int from = Integer.parseInt(range[0].strip());
      int to = range.length == 2 ? Integer.parseInt(range[1].strip()) : -1;
      if (range.length != 2 || from < 1 || to <= from) {
        throw new NumberFormatException();
      }
      List<Path> files = new ArrayList<>();
      for (int e = from; e <= to; e++) {
        files.add(folder.epochCheckpoint(e));
      }
      return files;
    } catch (NumberFormatException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--epochs must be FROM-TO with 1 <= FROM < TO, e.g. 4-8, not '" + epochs + "'");
    }
  }
}
