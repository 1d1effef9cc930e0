package dev.dmtl.training.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.training.RunFolder;
import dev.dmtl.training.StemBatchNorm;
import dev.dmtl.training.TrainConfig;
import dev.dmtl.training.TrainingData;
import dev.dmtl.training.TrainingFixturesAccess;
import dev.dmtl.training.TrainingListener;
import dev.dmtl.training.TrainingRun;
import dev.dmtl.training.data.Augmentation;
import dev.dmtl.training.data.BatchBuilder;
import dev.dmtl.training.data.FaceCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model exported with folded BatchNorm loads back into a fresh network and computes what the
 * trained network computed, with or without in-graph flip averaging; a model of another shape or
 * from another producer is refused with the file named.
 */
class OnnxImportTest {

  private static final int N = 8;

  @Test
  void importedNetworkComputesWhatTheTrainedNetworkComputed(@TempDir Path dir) throws Exception {
    FaceCache images = trainTinyRun(dir.resolve("run"));
    Path plain = export(dir, "plain.onnx", false);
    Path flipped = export(dir, "flip.onnx", true);
    TrainConfig config = new RunFolder(dir.resolve("run")).readConfig();
    float[] batch = batch(config, images);
    float[] expected;
    float[] logVariance;
    try (TrainingRun trained = quietRun(config, dir.resolve("trained"))) {
      trained.load(new RunFolder(dir.resolve("run")).lastCheckpoint());
      expected = logits(trained, batch);
      logVariance = trained.network().uncertainty().logVariance().getArray().toFloatArray();
    }
    for (Path model : new Path[] {plain, flipped}) {
      try (TrainingRun fresh = quietRun(config, dir.resolve("fresh-" + model.getFileName()))) {
        float[] before = logits(fresh, batch);
        OnnxImport.Result result = OnnxImport.load(model, fresh.network(), batch, N);
        assertEquals(N, result.calibrationImages());
        assertTrue(result.batchNorms() > 0);
        float[] after = logits(fresh, batch);
        assertTrue(
            maxDiff(before, expected) > 1e-2, "a fresh network should differ before the import");
        assertTrue(
            maxDiff(after, expected) < 1e-4,
            model + ": max difference " + maxDiff(after, expected));
        float[] s = fresh.network().uncertainty().logVariance().getArray().toFloatArray();
        assertEquals(0, maxDiff(s, logVariance), 1e-7);
      }
    }
  }

  @Test
  void batchNormStatisticsAreThoseOfTheCalibrationImages(@TempDir Path dir) throws Exception {
    FaceCache images = trainTinyRun(dir.resolve("run"));
    Path model = export(dir, "m.onnx", false);
    TrainConfig config = new RunFolder(dir.resolve("run")).readConfig();
    float[] batch = batch(config, images);
    try (TrainingRun fresh = quietRun(config, dir.resolve("fresh"))) {
      OnnxImport.load(model, fresh.network(), batch, N);
      // the stem's BatchNorm sees the stem convolution of the images: its running mean must be
      // the per-channel mean of that convolution on exactly these images
      NDArray x =
          fresh
              .manager()
              .create(
                  batch,
                  new Shape(N, 3, config.network().inputSize(), config.network().inputSize()));
      StemBatchNorm.assertRunningMeanIsStemMean(fresh, x);
    }
  }

  @Test
  void aModelOfAnotherShapeIsRefusedWithItsName(@TempDir Path dir) throws Exception {
    FaceCache images = trainTinyRun(dir.resolve("run"));
    Path model = export(dir, "m.onnx", false);
    TrainConfig config = new RunFolder(dir.resolve("run")).readConfig();
    TrainConfig wider =
        new TrainConfig(
            config.data(),
            config.network().withMultipliers(0.5, 1.0),
            1,
            8,
            config.schedule(),
            0.05,
            0.2,
            0.9,
            true,
            5e-4,
            config.ageLoss(),
            "uncertainty",
            config.augmentation(),
            7,
            0,
            0,
            null,
            false);
    try (TrainingRun fresh = quietRun(wider, dir.resolve("wider"))) {
      IOException e =
          assertThrows(
              IOException.class,
              () -> OnnxImport.load(model, fresh.network(), batch(wider, images), N));
      assertTrue(e.getMessage().startsWith(model.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("network configuration"), e.getMessage());
    }
    Path foreign = dir.resolve("foreign.onnx");
    Files.write(
        foreign,
        OnnxMl.ModelProto.parseFrom(Files.readAllBytes(model)).toBuilder()
            .setProducerName("pytorch")
            .build()
            .toByteArray());
    try (TrainingRun fresh = quietRun(config, dir.resolve("foreign"))) {
      IOException e =
          assertThrows(
              IOException.class,
              () -> OnnxImport.load(foreign, fresh.network(), batch(config, images), N));
      assertTrue(e.getMessage().contains("only models exported by dmtl"), e.getMessage());
    }
  }

  private static FaceCache trainTinyRun(Path runDir) throws Exception {
    FaceCache train = TrainingFixturesAccess.sampleCache(0, 16);
    try (TrainingRun run = quietRun(TrainingFixturesAccess.config(1), runDir)) {
      run.train(new TrainingData(train, train), 0);
    }
    return train;
  }

  private static Path export(Path dir, String name, boolean flip) throws Exception {
    Path runDir = dir.resolve("run");
    Path out = dir.resolve(name);
    ModelExport.export(
        new ModelExport.Request(
            runDir,
            new RunFolder(runDir).lastCheckpoint(),
            out,
            null,
            flip,
            null,
            "test",
            null,
            null));
    return out;
  }

  private static TrainingRun quietRun(TrainConfig config, Path dir) {
    return new TrainingRun(config, dir, TrainingListener.NONE);
  }

  private static float[] batch(TrainConfig config, FaceCache images) {
    int s = config.network().inputSize();
    float[] batch = new float[N * 3 * s * s];
    InputSpec input = new InputSpec("image", s, s, 255.0, TrainingRun.MEAN, TrainingRun.STD);
    BatchBuilder builder = new BatchBuilder(images, input, Augmentation.none());
    for (int i = 0; i < N; i++) {
      builder.fill(batch, i, i, null);
    }
    return batch;
  }

  private static float[] logits(TrainingRun run, float[] batch) {
    int s = run.network().config().inputSize();
    NDList out = run.predict(run.manager().create(batch, new Shape(N, 3, s, s)));
    int total = 0;
    for (NDArray a : out) {
      total += (int) a.size();
    }
    float[] all = new float[total];
    int at = 0;
    for (NDArray a : out) {
      float[] v = a.toFloatArray();
      System.arraycopy(v, 0, all, at, v.length);
      at += v.length;
    }
    return all;
  }

  private static double maxDiff(float[] a, float[] b) {
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    return worst;
  }
}
