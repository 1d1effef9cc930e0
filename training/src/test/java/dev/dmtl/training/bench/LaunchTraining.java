package dev.dmtl.training.bench;

import dev.dmtl.training.TrainConfig;
import dev.dmtl.training.TrainingRun;
import java.nio.file.Path;

/**
 * Developer launcher used before the CLI existed: {@code data runDir cacheDir size epochs [maxTrain maxVal]}.
 * Resumes when the run folder already has a checkpoint.
 */
public final class LaunchTraining {
  public static void main(String[] args) throws Exception {
    TrainConfig d = TrainConfig.defaults(args[0], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
    int maxTrain = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    int maxVal = args.length > 6 ? Integer.parseInt(args[6]) : 0;
    TrainConfig c = new TrainConfig(d.data(), d.network(), d.epochs(), d.batchSize(), d.schedule(), d.learningRate(),
        d.warmup(), d.momentum(), d.nesterov(), d.weightDecay(), d.ageLoss(), d.weighting(), d.augmentation(), d.seed(),
        maxTrain, maxVal);
    try (TrainingRun run = new TrainingRun(c, Path.of(args[1]), System.out)) {
      run.train(Path.of(args[2]), 0);
    }
  }
}
