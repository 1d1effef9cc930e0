package dev.dmtl.cli;

import dev.dmtl.training.Checkpoint;
import dev.dmtl.training.RunFolder;
import dev.dmtl.training.TrainConfig;
import dev.dmtl.training.TrainingData;
import dev.dmtl.training.TrainingRun;
import dev.dmtl.training.WarmStart;
import dev.dmtl.training.data.Augmentation;
import dev.dmtl.training.loss.AgeLoss;
import dev.dmtl.training.net.NetworkConfig;
import dev.dmtl.training.optim.LearningRateSchedule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dmtl train}: trains the DMTL network (paper Algorithm 1) on a UTKFace-style folder, with a
 * checkpoint and a history line per epoch in the run folder, so a stopped run continues with {@code
 * --resume}.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Train a DMTL network (shared MBConv trunk, a branch and head per task, uncertainty-weighted losses) on the "
          + "train split of a UTKFace-style folder; validates on the val split after every epoch.",
      "RUN gets config.json, last.ckpt (every epoch), best.ckpt (best validation score) and history.jsonl "
          + "(per-epoch task losses, β, validation metrics). Export with dmtl export.",
    })
final class TrainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description =
          "Folder of UTKFace-style images named age_gender_race_*.jpg (split by a hash of the name: "
              + "80 %% train, 10 %% val, 10 %% test).")
  Path data;

  @Option(
      names = "--run",
      required = true,
      paramLabel = "DIR",
      description = "Run folder (created).")
  Path run;

  @Option(
      names = "--resume",
      description =
          "Continue the run in --run with its own config.json; the other "
              + "training options are then ignored.")
  boolean resume;

  @Option(
      names = "--init-from",
      paramLabel = "CKPT|MODEL.onnx",
      description =
          "Start from the weights of this checkpoint (e.g. another run's best.ckpt) or of a model "
              + "exported by dmtl (e.g. the bundled default model) instead of a fresh initialisation: a warm restart "
              + "with a new schedule and fresh momentum. The network options must match; the input size may differ. "
              + "A model's BatchNorm statistics are re-measured on 256 training images.")
  Path initFrom;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description =
          "Where decoded images are cached (decode once, reused by later runs). Default: RUN/cache.")
  Path cache;

  @Option(
      names = "--input-size",
      defaultValue = "96",
      paramLabel = "PX",
      description = "Default: ${DEFAULT-VALUE}.")
  int inputSize;

  @Option(
      names = "--epochs",
      defaultValue = "20",
      paramLabel = "N",
      description = "Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(
      names = "--session-epochs",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Stop after N epochs in this invocation (0 = run to the end); --resume continues.")
  int sessionEpochs;

  @Option(
      names = {"-b", "--batch-size"},
      defaultValue = "32",
      paramLabel = "N",
      description = "Default: ${DEFAULT-VALUE} (the paper's).")
  int batchSize;

  @Option(
      names = "--schedule",
      defaultValue = "onecycle",
      paramLabel = "KIND",
      description =
          "Learning-rate schedule: onecycle, cosine or constant. Default: ${DEFAULT-VALUE}.")
  String schedule;

  @Option(
      names = "--lr",
      defaultValue = "0.1",
      paramLabel = "RATE",
      description =
          "Peak (onecycle, cosine) or constant learning rate. Default: ${DEFAULT-VALUE} (the paper's 1e-3 "
              + "is a fine-tuning rate for ImageNet-initialised weights; from scratch it is too low).")
  double learningRate;

  @Option(
      names = "--warmup",
      defaultValue = "0.15",
      paramLabel = "FRACTION",
      description = "Share of steps spent warming up (onecycle). Default: ${DEFAULT-VALUE}.")
  double warmup;

  @Option(
      names = "--momentum",
      defaultValue = "0.9",
      paramLabel = "M",
      description = "Default: ${DEFAULT-VALUE}.")
  double momentum;

  @Option(
      names = "--no-nesterov",
      negatable = false,
      description = "Plain momentum instead of Nesterov's.")
  boolean noNesterov;

  @Option(
      names = "--weight-decay",
      defaultValue = "5e-4",
      paramLabel = "L2",
      description =
          "On convolution and linear weights only (not BN, biases, log-variances). Default: ${DEFAULT-VALUE}.")
  double weightDecay;

  @Option(
      names = "--age-loss",
      defaultValue = "ordinal",
      paramLabel = "KIND",
      description =
          "ordinal (K-1 binary 'age > r_k' classifiers, Eq. 7) or softmax (ablation). Default: ${DEFAULT-VALUE}.")
  String ageLoss;

  @Option(
      names = "--weighting",
      defaultValue = "uncertainty",
      paramLabel = "W",
      description =
          "uncertainty (learned log-variances, Eq. 15) or fixed:A,G,R task weights (ablation). "
              + "Default: ${DEFAULT-VALUE}.")
  String weighting;

  @Option(
      names = "--width",
      defaultValue = "1.0",
      paramLabel = "X",
      description = "Width multiplier. Default: ${DEFAULT-VALUE}.")
  double width;

  @Option(
      names = "--depth",
      defaultValue = "1.0",
      paramLabel = "X",
      description = "Depth multiplier. Default: ${DEFAULT-VALUE}.")
  double depth;

  @Option(
      names = "--split-at",
      paramLabel = "STAGE",
      description =
          "How many MBConv stages all tasks share before each task's own stages. Default: the network's (4).")
  Integer splitAt;

  @Option(
      names = "--no-augmentation",
      description = "Train without flip, shift, scale, rotation and colour jitter.")
  boolean noAugmentation;

  @Option(
      names = "--keep-epoch-checkpoints",
      description =
          "Also keep the weights after every epoch as RUN/epochs/epoch-NNN.ckpt, e.g. for dmtl average.")
  boolean keepEpochs;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "SEED",
      description = "Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--max-train",
      defaultValue = "0",
      paramLabel = "N",
      description = "Use at most N training images (0 = all): for smoke tests.")
  int maxTrain;

  @Option(
      names = "--max-val",
      defaultValue = "0",
      paramLabel = "N",
      description = "Validate on at most N images (0 = all).")
  int maxVal;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(data)) {
      throw new NoSuchFileException(data.toString(), null, "training data folder not found");
    }
    RunFolder folder = new RunFolder(run);
    TrainConfig config;
    if (resume) {
      if (!Files.isRegularFile(folder.config())) {
        throw new NoSuchFileException(
            folder.config().toString(), null, "--resume: no training run here");
      }
      config = folder.readConfig();
    } else {
      if (Files.exists(folder.config()) || Files.exists(folder.lastCheckpoint())) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            run
                + " already holds a training run: add "
                + "--resume to continue it, or choose another --run folder");
      }
      config = config();
      if (initFrom != null) {
        if (!Files.isRegularFile(initFrom)) {
          throw new NoSuchFileException(
              initFrom.toString(), null, "--init-from: checkpoint or model not found");
        }
        config = config.withInitFrom(initFrom.toAbsolutePath().toString());
      }
    }
    if (config.initFrom() != null) {
      // a wrong model is reported before minutes of decoding
      WarmStart.check(Path.of(config.initFrom()));
    }
    Path cacheDir = cache != null ? cache : run.resolve("cache");
    Files.createDirectories(cacheDir);
    PrintWriter out = spec.commandLine().getOut();
    try (ConsoleTrainingListener listener =
            new ConsoleTrainingListener(
                Terminal.interactive(), System.err, spec.commandLine().getErr());
        TrainingRun training = new TrainingRun(config, run, listener)) {
      Checkpoint.State state =
          training.train(TrainingData.load(config, cacheDir, listener), sessionEpochs);
      out.printf(
          "dmtl train: %s has %d of %d epochs%s%n",
          run,
          state.epoch(),
          config.epochs(),
          state.epoch() < config.epochs() ? " (continue with --resume)" : "");
      out.println("  export: dmtl export --run " + run + " -o model.onnx");
    }
    out.flush();
    return ExitCodes.OK;
  }

  private TrainConfig config() {
    try {
      NetworkConfig network = NetworkConfig.defaults(inputSize).withMultipliers(width, depth);
      if (splitAt != null) {
        network = network.withSplitAt(splitAt);
      }
      return new TrainConfig(
          data.toAbsolutePath().toString(),
          network,
          epochs,
          batchSize,
          LearningRateSchedule.parseKind(schedule),
          learningRate,
          warmup,
          momentum,
          !noNesterov,
          weightDecay,
          AgeLoss.parse(ageLoss),
          weighting,
          noAugmentation ? Augmentation.none() : Augmentation.standard(),
          seed,
          maxTrain,
          maxVal,
          null,
          keepEpochs);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
