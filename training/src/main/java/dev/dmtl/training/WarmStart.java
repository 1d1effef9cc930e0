package dev.dmtl.training;

import dev.dmtl.contract.training.EpochRecord;
import dev.dmtl.training.data.Augmentation;
import dev.dmtl.training.data.BatchBuilder;
import dev.dmtl.training.export.OnnxImport;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code --init-from}: a run that starts from other weights instead of a fresh initialisation, with
 * its own schedule and fresh momentum. A checkpoint is loaded as it is; an exported model gets its
 * weights and log-variances copied and its BatchNorm statistics re-measured on the first training
 * images ({@link OnnxImport}), and its validation before any step is reported: the baseline the run
 * has to beat.
 */
public final class WarmStart {

  /** Images whose activations set the BatchNorm statistics of an imported model. */
  static final int CALIBRATION_IMAGES = 256;

  private WarmStart() {}

  /**
   * Checks what {@code --init-from} names before any image is decoded: a model must be one dmtl
   * exported; a checkpoint must exist (its weights are checked against the network when loaded).
   *
   * @throws IncompatibleWeightsException or {@link java.nio.file.NoSuchFileException} naming the
   *     file
   */
  public static void check(Path from) throws IOException {
    if (from.getFileName().toString().endsWith(".onnx")) {
      OnnxImport.check(from);
    } else if (!java.nio.file.Files.isRegularFile(from)) {
      throw new java.nio.file.NoSuchFileException(
          from.toString(), null, "--init-from: checkpoint not found");
    }
  }

  static void apply(TrainingRun run, Path from, TrainingData data, TrainingListener listener)
      throws IOException {
    if (from.getFileName().toString().endsWith(".onnx")) {
      importModel(run, from, data, listener);
    } else {
      Checkpoint.State state = Checkpoint.load(from, run.manager(), run.network(), null);
      listener.startedFromCheckpoint(from, state.epoch());
    }
    run.optimizer().attachGradients();
  }

  private static void importModel(
      TrainingRun run, Path model, TrainingData data, TrainingListener listener)
      throws IOException {
    int n = Math.min(CALIBRATION_IMAGES, data.train().count());
    int s = run.config().network().inputSize();
    float[] images = new float[n * 3 * s * s];
    BatchBuilder builder = new BatchBuilder(data.train(), run.input(), Augmentation.none());
    for (int i = 0; i < n; i++) {
      builder.fill(images, i, i, null);
    }
    OnnxImport.Result imported = OnnxImport.load(model, run.network(), images, n);
    EpochRecord.ValidationMetrics before = run.validate(data.val());
    listener.startedFromModel(
        model,
        new TrainingListener.ModelImport(
            imported.layers(),
            imported.batchNorms(),
            imported.calibrationImages(),
            imported.logVariance()),
        before);
  }
}
