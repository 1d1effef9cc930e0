package dev.dmtl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.dmtl.training.data.Augmentation;
import dev.dmtl.training.data.BatchBuilder;
import dev.dmtl.training.data.FaceCache;
import dev.dmtl.training.optim.LearningRateSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kept epoch checkpoints average element-wise into one checkpoint whose BatchNorm statistics are
 * those of the averaged network on the calibration images, with a summary beside it.
 */
class WeightAveragingTest {

  @Test
  void averageOfKeptEpochsHasTheMeanWeightsAndFreshBatchNormStatistics(@TempDir Path dir)
      throws Exception {
    FaceCache train = TrainingFixtures.sampleCache(0, 64);
    FaceCache val = TrainingFixtures.sampleCache(64, 16);
    TrainConfig config =
        TrainingFixtures.config(2, LearningRateSchedule.Kind.CONSTANT, 0.05, Augmentation.none())
            .withKeepEpochCheckpoints(true);
    Path runDir = dir.resolve("run");
    try (TrainingRun run = new TrainingRun(config, runDir, TrainingListener.NONE)) {
      run.train(new TrainingData(train, val), 0);
    }
    RunFolder folder = new RunFolder(runDir);
    List<Path> epochs = List.of(folder.epochCheckpoint(1), folder.epochCheckpoint(2));
    for (int e = 1; e <= 2; e++) {
      assertTrue(Files.isRegularFile(folder.epochCheckpoint(e)), "epoch " + e + " kept");
    }
    List<float[]> first = weights(config, dir.resolve("a"), epochs.get(0));
    List<float[]> second = weights(config, dir.resolve("b"), epochs.get(1));

    Path output = dir.resolve("avg/average.ckpt");
    WeightAveraging.Summary summary;
    try (TrainingRun run = new TrainingRun(config, dir.resolve("avg"), TrainingListener.NONE)) {
      summary = WeightAveraging.average(run, epochs, new TrainingData(train, val), 64, output);
      var params = run.network().getParameters();
      for (int i = 0; i < params.size(); i++) {
        Parameter p = params.valueAt(i);
        if (p.getType() == Parameter.Type.RUNNING_MEAN
            || p.getType() == Parameter.Type.RUNNING_VAR) {
          continue;
        }
        float[] avg = p.getArray().toFloatArray();
        for (int j = 0; j < avg.length; j++) {
          assertEquals((first.get(i)[j] + second.get(i)[j]) / 2, avg[j], 1e-6, params.keyAt(i));
        }
      }
      // the stem's BatchNorm sees the stem convolution of the calibration images (all 64, no
      // augmentation here): its running mean must be the per-channel mean over exactly those
      int s = train.size();
      float[] images = new float[64 * 3 * s * s];
      BatchBuilder builder = new BatchBuilder(train, run.input(), Augmentation.none());
      for (int i = 0; i < 64; i++) {
        builder.fill(images, i, i, null);
      }
      NDArray x = run.manager().create(images, run.network().inputShape(64));
      NDArray z = StemBatchNorm.assertRunningMeanIsStemMean(run, x);
      // the running variance is PyTorch's unbiased batch variance: exact for a one-batch
      // calibration on the first 32 images (with two batches it is the mean over a shuffled
      // partition)
      WeightAveraging.calibrateAndSave(
          run,
          new WeightAveraging.Mean(summary.sources(), 2, 0),
          new TrainingData(TrainingFixtures.sampleCache(0, 32), val),
          32,
          dir.resolve("avg/one-batch.ckpt"));
      NDArray first32 = z.get("0:32").transpose(1, 0, 2, 3).reshape(z.getShape().get(1), -1);
      NDArray centred = first32.sub(first32.mean(new int[] {1}, true));
      float[] expectedVar =
          centred.mul(centred).sum(new int[] {1}).div(first32.getShape().get(1) - 1).toFloatArray();
      float[] runningVar =
          run.network().stem().bn().getParameters().get("runningVar").getArray().toFloatArray();
      for (int c = 0; c < expectedVar.length; c++) {
        assertEquals(
            expectedVar[c],
            runningVar[c],
            1e-4 + 1e-4 * expectedVar[c],
            "variance of channel " + c);
      }
    }
    assertEquals(2, summary.sources().size());
    assertEquals(2, summary.sources().get(1).epoch());
    assertEquals(64, summary.calibrationImages());
    assertTrue(summary.batchNorms() > 10);
    assertEquals(16, summary.validation().images());
    assertEquals(summary, WeightAveraging.readSummary(output));
    assertNull(WeightAveraging.readSummary(folder.lastCheckpoint()));

    // the averaged checkpoint loads like any other and reproduces the averaged weights
    List<float[]> reloaded = weights(config, dir.resolve("c"), output);
    assertEquals((first.get(0)[0] + second.get(0)[0]) / 2, reloaded.get(0)[0], 1e-6);

    // a summary beside another checkpoint (here: the average replaced by an epoch) is refused, not
    // believed
    Files.copy(epochs.get(0), output, StandardCopyOption.REPLACE_EXISTING);
    var stale =
        assertThrows(IncompatibleWeightsException.class, () -> WeightAveraging.readSummary(output));
    assertTrue(
        stale.getMessage().contains("average.json")
            && stale.getMessage().contains("does not describe"),
        stale.getMessage());
  }

  @Test
  void oneCheckpointIsNotAnAverage(@TempDir Path dir) throws Exception {
    TrainConfig config =
        TrainingFixtures.config(1, LearningRateSchedule.Kind.CONSTANT, 0.01, Augmentation.none());
    try (TrainingRun run = new TrainingRun(config, dir, TrainingListener.NONE)) {
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  WeightAveraging.average(
                      run,
                      List.of(dir.resolve("x")),
                      new TrainingData(
                          TrainingFixtures.sampleCache(0, 32), TrainingFixtures.sampleCache(32, 8)),
                      32,
                      dir.resolve("out.ckpt")));
      assertTrue(e.getMessage().contains("at least two"), e.getMessage());
    }
  }

  @Test
  void theSameCheckpointTwiceIsRefusedBeforeAnyImageIsRead(@TempDir Path dir) throws Exception {
    TrainConfig config =
        TrainingFixtures.config(1, LearningRateSchedule.Kind.CONSTANT, 0.01, Augmentation.none());
    Path a = dir.resolve("a.ckpt");
    Path b = dir.resolve("b.ckpt");
    try (TrainingRun run = new TrainingRun(config, dir.resolve("run"), TrainingListener.NONE)) {
      Checkpoint.save(a, new Checkpoint.State(1, 8, 0), run.network(), null);
      Files.copy(a, b);
      var twice =
          assertThrows(
              IncompatibleWeightsException.class,
              () -> WeightAveraging.loadMean(run, List.of(a, b)));
      assertTrue(
          twice.getMessage().startsWith(b.toString())
              && twice.getMessage().contains("same weights as " + a),
          twice.getMessage());
      Files.write(b, Arrays.copyOf(Files.readAllBytes(a), 1000));
      var cut =
          assertThrows(
              IncompatibleWeightsException.class,
              () -> WeightAveraging.loadMean(run, List.of(a, b)));
      assertTrue(cut.getMessage().startsWith(b + ": truncated"), cut.getMessage());
    }
  }

  private static List<float[]> weights(TrainConfig config, Path dir, Path checkpoint)
      throws Exception {
    try (TrainingRun run = new TrainingRun(config, dir, TrainingListener.NONE)) {
      run.load(checkpoint);
      List<float[]> out = new ArrayList<>();
      for (var p : run.network().getParameters()) {
        out.add(p.getValue().getArray().toFloatArray());
      }
      return out;
    }
  }
}
