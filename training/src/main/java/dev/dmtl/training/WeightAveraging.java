package dev.dmtl.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.training.EpochRecord;
import dev.dmtl.training.data.Augmentation;
import dev.dmtl.training.data.BatchBuilder;
import dev.dmtl.training.data.FaceCache;
import dev.dmtl.training.net.DmtlNetwork;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Stochastic weight averaging (Izmailov et al., 2018, "Averaging Weights Leads to Wider Optima and
 * Better Generalization"): the element-wise mean of the weights of several checkpoints of one run,
 * typically the last epochs of a constant learning rate, which lie around one minimum; their mean
 * sits nearer its centre than any of them.
 *
 * <p>The BatchNorm statistics of averaged weights are not the average of the checkpoints'
 * statistics (the activations changed with the weights), so they are measured again: forward passes
 * in training mode over training images, with the running statistics accumulated as an equal-weight
 * mean over the batches rather than the layers' exponential moving average (which would mostly
 * reflect the last few batches).
 */
public final class WeightAveraging {

  /** Training images whose activations set the BatchNorm statistics of the average by default. */
  public static final int DEFAULT_CALIBRATION_IMAGES = 4096;

  /** Images per calibration forward pass; also the fewest images a calibration can use. */
  public static final int CALIBRATION_BATCH = 32;

  /** One averaged checkpoint. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Source(String file, String sha256, int epoch) {}

  /**
   * The element-wise mean of some checkpoints, loaded into a run's network by {@link #loadMean}.
   *
   * @param sources the averaged checkpoints
   * @param epoch the latest of their epochs
   * @param step the latest of their optimiser steps
   */
  public record Mean(List<Source> sources, int epoch, long step) {}

  /**
   * What {@link #average} did, written next to the averaged checkpoint as JSON.
   *
   * @param checkpointSha256 SHA-256 of the averaged checkpoint this summary describes, so that a
   *     stale summary beside a replaced checkpoint is refused instead of believed
   * @param sources the averaged checkpoints
   * @param batchNorms BatchNorm layers whose statistics were re-measured
   * @param calibrationImages training images used for that, with the run's augmentation
   * @param validation validation metrics of the average
   * @param score the run's selection score of the average (comparable with the epochs' scores)
   */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Summary(
      String checkpointSha256,
      List<Source> sources,
      int batchNorms,
      int calibrationImages,
      EpochRecord.ValidationMetrics validation,
      double score) {}

  private WeightAveraging() {}

  /** {@link #loadMean} then {@link #calibrateAndSave}. */
  public static Summary average(
      TrainingRun run,
      List<Path> checkpoints,
      TrainingData caches,
      int calibrationImages,
      Path output)
      throws IOException {
    return calibrateAndSave(run, loadMean(run, checkpoints), caches, calibrationImages, output);
  }

  /**
   * Loads {@code checkpoints} one after the other and leaves their element-wise mean in {@code
   * run}'s network. Runs before any image is decoded, so that a wrong checkpoint is reported at
   * once.
   *
   * @throws IncompatibleWeightsException when a checkpoint does not fit the run's network, or is
   *     the same file or the same epoch as another one (it would weigh double)
   */
  public static Mean loadMean(TrainingRun run, List<Path> checkpoints) throws IOException {
    if (checkpoints.size() < 2) {
      throw new IllegalArgumentException(
          "averaging needs at least two checkpoints, got " + checkpoints.size());
    }
    ParameterList params = run.network().getParameters();
    double[][] sums = new double[params.size()][];
    List<Source> sources = new ArrayList<>();
    Map<String, Path> byHash = new HashMap<>();
    Map<Integer, Path> byEpoch = new HashMap<>();
    int lastEpoch = 0;
    long lastStep = 0;
    for (Path checkpoint : checkpoints) {
      String sha256 = ContentHash.sha256Hex(checkpoint);
      Path same = byHash.putIfAbsent(sha256, checkpoint);
      if (same != null) {
        throw new IncompatibleWeightsException(
            checkpoint
                + ": the same weights as "
                + same
                + "; a checkpoint averaged twice weighs double");
      }
      Checkpoint.State state = run.load(checkpoint);
      Path sameEpoch = byEpoch.putIfAbsent(state.epoch(), checkpoint);
      if (sameEpoch != null) {
        throw new IncompatibleWeightsException(
            checkpoint
                + ": epoch "
                + state.epoch()
                + " again (also "
                + sameEpoch
                + "); average distinct epochs");
      }
      sources.add(new Source(checkpoint.getFileName().toString(), sha256, state.epoch()));
      lastEpoch = Math.max(lastEpoch, state.epoch());
      lastStep = Math.max(lastStep, state.step());
      for (int i = 0; i < params.size(); i++) {
        float[] values = params.valueAt(i).getArray().toFloatArray();
        if (sums[i] == null) {
          sums[i] = new double[values.length];
        }
        for (int j = 0; j < values.length; j++) {
          sums[i][j] += values[j];
        }
      }
    }
    for (int i = 0; i < params.size(); i++) {
      float[] mean = new float[sums[i].length];
      for (int j = 0; j < mean.length; j++) {
        mean[j] = (float) (sums[i][j] / checkpoints.size());
      }
      params.valueAt(i).getArray().set(mean);
    }
    return new Mean(List.copyOf(sources), lastEpoch, lastStep);
  }

  /**
   * Re-measures the BatchNorm statistics of the averaged network on up to {@code calibrationImages}
   * training images (whole batches of 32), validates it and saves it as a weights-only checkpoint
   * at {@code output} with the summary beside it ({@link #summaryFile}).
   *
   * @throws IncompatibleWeightsException when the average does not give finite validation numbers
   *     (checkpoints of different runs do not average into a working network)
   */
  public static Summary calibrateAndSave(
      TrainingRun run, Mean mean, TrainingData caches, int calibrationImages, Path output)
      throws IOException {
    int available = Math.min(calibrationImages, caches.train().count());
    if (available < CALIBRATION_BATCH) {
      throw new IllegalArgumentException(
          "re-measuring BatchNorm needs at least "
              + CALIBRATION_BATCH
              + " training images, got "
              + available);
    }
    int images = available / CALIBRATION_BATCH * CALIBRATION_BATCH;
    // A parameter store of its own: DJL caches each parameter's array in the store on first use,
    // and loading a checkpoint replaces the arrays, so a store used before loadMean would run the
    // old weights.
    ParameterStore store = new ParameterStore(run.manager(), false);
    int batchNorms = recalibrateBatchNorm(run, store, caches.train(), images);
    EpochRecord.ValidationMetrics v =
        Validation.run(
            run.network(),
            store,
            run.manager(),
            caches.val(),
            new BatchBuilder(caches.val(), run.input(), Augmentation.none()),
            0);
    double score = TrainingRun.score(v);
    if (!Double.isFinite(score)) {
      throw new IncompatibleWeightsException(
          "the average of "
              + mean.sources().stream().map(Source::file).toList()
              + " gives no finite validation score; average checkpoints of one run only");
    }
    Checkpoint.save(
        output, new Checkpoint.State(mean.epoch(), mean.step(), score), run.network(), null);
    Summary summary =
        new Summary(ContentHash.sha256Hex(output), mean.sources(), batchNorms, images, v, score);
    RunFolder.writeAtomically(summaryFile(output), DmtlJson.pretty(summary));
    return summary;
  }

  /**
   * The JSON summary written beside an averaged checkpoint: {@code average.ckpt} → {@code
   * average.json}.
   */
  public static Path summaryFile(Path checkpoint) {
    String name = checkpoint.getFileName().toString();
    String base =
        name.endsWith(".ckpt") ? name.substring(0, name.length() - ".ckpt".length()) : name;
    return checkpoint.resolveSibling(base + ".json");
  }

  /**
   * Reads the summary beside {@code checkpoint}, or null when there is none (not an averaged
   * checkpoint).
   *
   * @throws IncompatibleWeightsException when the file beside it is not the summary of this
   *     checkpoint
   */
  public static Summary readSummary(Path checkpoint) throws IOException {
    Path file = summaryFile(checkpoint);
    if (!Files.isRegularFile(file) || file.equals(checkpoint)) {
      return null;
    }
    Summary summary;
    try {
      summary = DmtlJson.read(file, Summary.class);
    } catch (IllegalArgumentException e) {
      throw new IncompatibleWeightsException("not a dmtl average summary: " + e.getMessage(), e);
    }
    if (summary.checkpointSha256() == null
        || !summary.checkpointSha256().equals(ContentHash.sha256Hex(checkpoint))) {
      throw new IncompatibleWeightsException(
          file
              + ": does not describe "
              + checkpoint.getFileName()
              + " (another checkpoint's SHA-256); delete it or run dmtl average again");
    }
    return summary;
  }

  /**
   * Sets every BatchNorm's running mean and variance to the mean of its batch statistics over
   * {@code images} training images (augmented as in the run, seeded from the run's seed).
   *
   * <p>A training-mode forward moves each running statistic to r' = m·r + (1−m)·b, with b the
   * batch's statistic and m the layers' momentum. Starting each batch from the mean A of the
   * batches so far, b = (r' − m·A)/(1−m), and the new mean is A + (b − A)/k for the k-th batch.
   *
   * @return the number of BatchNorm layers
   */
  static int recalibrateBatchNorm(
      TrainingRun run, ParameterStore store, FaceCache cache, int images) {
    DmtlNetwork net = run.network();
    List<Parameter> stats = new ArrayList<>();
    for (var p : net.getParameters()) {
      Parameter.Type type = p.getValue().getType();
      if (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR) {
        stats.add(p.getValue());
      }
    }
    float[][] mean = new float[stats.size()][];
    for (int i = 0; i < stats.size(); i++) {
      mean[i] = new float[(int) stats.get(i).getArray().size()];
    }
    float m = DmtlNetwork.BN_MOMENTUM;
    Random rng = new Random(run.config().seed() * 1_000_003L - 1);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < cache.count(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, rng);
    BatchBuilder builder = new BatchBuilder(cache, run.input(), run.config().augmentation());
    int size = cache.size();
    float[] buffer = new float[CALIBRATION_BATCH * 3 * size * size];
    for (int k = 1; k <= images / CALIBRATION_BATCH; k++) {
      for (int i = 0; i < CALIBRATION_BATCH; i++) {
        builder.fill(buffer, i, order.get((k - 1) * CALIBRATION_BATCH + i), rng);
      }
      for (int i = 0; i < stats.size(); i++) {
        stats.get(i).getArray().set(mean[i]);
      }
      try (NDScope scope = new NDScope()) {
        NDArray x =
            run.manager().create(FloatBuffer.wrap(buffer), net.inputShape(CALIBRATION_BATCH));
        net.forward(store, new NDList(x), true);
      }
      for (int i = 0; i < stats.size(); i++) {
        float[] moved = stats.get(i).getArray().toFloatArray();
        for (int j = 0; j < moved.length; j++) {
          float batch = (moved[j] - m * mean[i][j]) / (1 - m);
          mean[i][j] += (batch - mean[i][j]) / k;
        }
      }
    }
    for (int i = 0; i < stats.size(); i++) {
      stats.get(i).getArray().set(mean[i]);
    }
    return stats.size() / 2;
  }
}
