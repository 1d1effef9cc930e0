package dev.dmtl.training;

import dev.dmtl.contract.training.EpochRecord;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a training run reports while it works. Training writes nothing to the console itself: the
 * command line shows these events (with a progress bar), tests ignore them. Every method has an
 * empty default, so a listener implements only what it shows.
 */
public interface TrainingListener {

  /** Reports nothing. */
  TrainingListener NONE = new TrainingListener() {};

  /**
   * Decoding a split into the pixel cache: {@code done} of {@code total} images (first use only).
   */
  default void decoding(String split, int done, int total) {}

  /** The data is ready. */
  default void dataReady(DataSummary data) {}

  /** The run continues from its own checkpoint. */
  default void resumed(Path run, int epoch, long step) {}

  /** The run starts from another run's checkpoint ({@code --init-from CKPT}). */
  default void startedFromCheckpoint(Path checkpoint, int itsEpoch) {}

  /**
   * The run starts from an exported model ({@code --init-from MODEL.onnx}); {@code before} is its
   * validation at this input size.
   */
  default void startedFromModel(
      Path model, ModelImport imported, EpochRecord.ValidationMetrics before) {}

  /** Nothing to do: the run already has its epochs. */
  default void alreadyComplete(int epochs) {}

  /** The epoch loop starts. */
  default void training(
      long parameters, int inputSize, int trainImages, int stepsPerEpoch, int epochs) {}

  /** A step finished; called about twenty times an epoch. */
  default void step(StepProgress progress) {}

  /** An epoch finished, with its validation; {@code best} when its weights are now best.ckpt. */
  default void epochFinished(EpochRecord record, boolean best, int epochs) {}

  /**
   * The data of a run.
   *
   * @param folder the image folder
   * @param train training images
   * @param validation validation images
   * @param skipped names without labels, left out
   * @param fingerprint SHA-256 of the training file list
   */
  record DataSummary(Path folder, int train, int validation, int skipped, String fingerprint) {}

  /**
   * How an exported model was taken over.
   *
   * @param layers layers whose weights were copied
   * @param batchNorms BatchNorm layers whose statistics were re-measured
   * @param calibrationImages training images they were measured on
   * @param logVariance the model's learned log-variances, now the network's
   */
  record ModelImport(
      int layers, int batchNorms, int calibrationImages, Map<String, Double> logVariance) {}

  /**
   * Progress inside an epoch.
   *
   * @param epoch 1-based epoch
   * @param step steps done in this epoch
   * @param steps steps per epoch
   * @param meanLoss mean joint loss over the steps done
   * @param learningRate the current learning rate
   * @param imagesPerSecond throughput so far in this epoch
   */
  record StepProgress(
      int epoch,
      int step,
      int steps,
      double meanLoss,
      double learningRate,
      double imagesPerSecond) {}
}
