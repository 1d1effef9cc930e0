package dev.dmtl.training;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.dmtl.training.data.Augmentation;
import dev.dmtl.training.loss.AgeLoss;
import dev.dmtl.training.loss.TaskWeighting;
import dev.dmtl.training.net.NetworkConfig;
import dev.dmtl.training.optim.LearningRateSchedule;
import java.util.Objects;

/**
 * Everything that determines a training run; stored as {@code config.json} in the run folder so
 * {@code --resume} continues exactly the same run.
 *
 * @param data folder of UTKFace-style images (labels in file names)
 * @param network network shape, including the input size
 * @param epochs total epochs
 * @param batchSize images per step (the paper's Algorithm 1 uses 32)
 * @param schedule learning-rate schedule family
 * @param learningRate constant rate, or the peak of the one-cycle/cosine schedule
 * @param warmup fraction of steps spent warming up (one-cycle)
 * @param momentum SGD momentum (0.9 in the paper)
 * @param nesterov Nesterov momentum
 * @param weightDecay L2 on convolution and linear weights only (5e-4 in the paper)
 * @param ageLoss ordinal (the paper) or softmax (ablation)
 * @param weighting uncertainty (Eq. 15) or fixed weights (ablation)
 * @param augmentation training-time jitter
 * @param seed seeds shuffling, augmentation, initialisation and dropout
 * @param maxTrainImages cap on training images (0 = all): for smoke tests and CI
 * @param maxValImages cap on validation images evaluated each epoch (0 = all)
 * @param initFrom checkpoint whose weights start the run instead of a fresh initialisation (a warm
 *     restart: the optimiser state and schedule start anew), or null; the network shapes must match
 * @param keepEpochCheckpoints also keep each epoch's weights as {@code epochs/epoch-N.ckpt}, the
 *     inputs of {@link WeightAveraging}
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record TrainConfig(
    String data,
    NetworkConfig network,
    int epochs,
    int batchSize,
    LearningRateSchedule.Kind schedule,
    double learningRate,
    double warmup,
    double momentum,
    boolean nesterov,
    double weightDecay,
    AgeLoss ageLoss,
    String weighting,
    Augmentation augmentation,
    long seed,
    int maxTrainImages,
    int maxValImages,
    String initFrom,
    boolean keepEpochCheckpoints) {

  public TrainConfig {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(network, "network");
    if (epochs < 1 || batchSize < 2) {
      throw new IllegalArgumentException(
          "need epochs >= 1 and batch size >= 2 (BatchNorm needs 2 samples)");
    }
    TaskWeighting.parse(weighting); // validate early
  }

  /** This configuration, starting from the weights in {@code checkpoint}. */
  public TrainConfig withInitFrom(String checkpoint) {
    return new TrainConfig(
        data,
        network,
        epochs,
        batchSize,
        schedule,
        learningRate,
        warmup,
        momentum,
        nesterov,
        weightDecay,
        ageLoss,
        weighting,
        augmentation,
        seed,
        maxTrainImages,
        maxValImages,
        checkpoint,
        keepEpochCheckpoints);
  }

  /** This configuration, keeping (or not) every epoch's weights for {@code dmtl average}. */
  public TrainConfig withKeepEpochCheckpoints(boolean keep) {
    return new TrainConfig(
        data,
        network,
        epochs,
        batchSize,
        schedule,
        learningRate,
        warmup,
        momentum,
        nesterov,
        weightDecay,
        ageLoss,
        weighting,
        augmentation,
        seed,
        maxTrainImages,
        maxValImages,
        initFrom,
        keep);
  }

  public TaskWeighting taskWeighting() {
    return TaskWeighting.parse(weighting);
  }

  /**
   * The recipe of the default model: one-cycle SGD with Nesterov momentum peaking at lr 0.1 (the
   * paper's 1e-3 is a fine-tuning rate, too low from scratch), paper weight decay and momentum,
   * batch 32, standard augmentation.
   */
  public static TrainConfig defaults(String data, int inputSize, int epochs) {
    return new TrainConfig(
        data,
        NetworkConfig.defaults(inputSize),
        epochs,
        32,
        LearningRateSchedule.Kind.ONECYCLE,
        0.1,
        0.15,
        0.9,
        true,
        5e-4,
        AgeLoss.ORDINAL,
        "uncertainty",
        Augmentation.standard(),
        42,
        0,
        0,
        null,
        false);
  }
}
