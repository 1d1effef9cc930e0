package dev.dmtl.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.dmtl.contract.training.EpochRecord;
import dev.dmtl.training.data.Augmentation;
import dev.dmtl.training.data.FaceCache;
import dev.dmtl.training.optim.LearningRateSchedule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {

  @Test
  void aFewStepsOnRealFacesReduceTheLoss(@TempDir Path dir) throws Exception {
    FaceCache train = TrainingFixtures.sampleCache(0, 32);
    FaceCache val = TrainingFixtures.sampleCache(32, 16);
    TrainConfig config =
        TrainingFixtures.config(4, LearningRateSchedule.Kind.CONSTANT, 0.01, Augmentation.none());
    try (TrainingRun run = new TrainingRun(config, dir, TrainingListener.NONE)) {
      run.train(new TrainingData(train, val), 0);
    }
    List<EpochRecord> history = new RunFolder(dir).readHistory();
    assertEquals(4, history.size());
    assertTrue(
        history.get(3).trainLoss() < history.get(0).trainLoss(),
        "loss " + history.get(0).trainLoss() + " -> " + history.get(3).trainLoss());
    EpochRecord last = history.get(3);
    assertEquals(3, last.beta().size());
    assertEquals(1.0, last.beta().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    assertEquals(16, last.validation().images());
  }

  @Test
  void resumingFromACheckpointGivesIdenticalWeights(@TempDir Path dir) throws Exception {
    FaceCache train = TrainingFixtures.sampleCache(0, 24);
    FaceCache val = TrainingFixtures.sampleCache(24, 8);
    TrainConfig config =
        TrainingFixtures.config(
            2, LearningRateSchedule.Kind.ONECYCLE, 0.05, Augmentation.standard());
    List<float[]> straight;
    try (TrainingRun run =
        new TrainingRun(config, dir.resolve("straight"), TrainingListener.NONE)) {
      run.train(new TrainingData(train, val), 0);
      straight = weights(run);
    }
    try (TrainingRun first =
        new TrainingRun(config, dir.resolve("resumed"), TrainingListener.NONE)) {
      assertEquals(1, first.train(new TrainingData(train, val), 1).epoch());
    }
    List<float[]> resumed;
    try (TrainingRun second =
        new TrainingRun(config, dir.resolve("resumed"), TrainingListener.NONE)) {
      assertEquals(2, second.train(new TrainingData(train, val), 0).epoch());
      resumed = weights(second);
    }
    assertEquals(straight.size(), resumed.size());
    for (int i = 0; i < straight.size(); i++) {
      assertArrayEquals(straight.get(i), resumed.get(i), "parameter " + i);
    }
    assertEquals(2, new RunFolder(dir.resolve("resumed")).readHistory().size());
  }

  @Test
  void initFromStartsAtTheCheckpointsWeightsNotAFreshInitialisation(@TempDir Path dir)
      throws Exception {
    FaceCache train = TrainingFixtures.sampleCache(0, 24);
    FaceCache val = TrainingFixtures.sampleCache(24, 8);
    TrainConfig config =
        TrainingFixtures.config(
            1, LearningRateSchedule.Kind.ONECYCLE, 0.05, Augmentation.standard());
    List<float[]> trained;
    try (TrainingRun first = new TrainingRun(config, dir.resolve("first"), TrainingListener.NONE)) {
      first.train(new TrainingData(train, val), 0);
      trained = convWeights(first);
    }
    // a vanishing constant rate: the second run's weights stay where they started
    TrainConfig still =
        TrainingFixtures.config(1, LearningRateSchedule.Kind.CONSTANT, 1e-12, Augmentation.none());
    String checkpoint = new RunFolder(dir.resolve("first")).lastCheckpoint().toString();
    List<float[]> warm;
    try (TrainingRun second =
        new TrainingRun(
            still.withInitFrom(checkpoint), dir.resolve("warm"), TrainingListener.NONE)) {
      second.train(new TrainingData(train, val), 0);
      warm = convWeights(second);
    }
    List<float[]> fresh;
    try (TrainingRun third = new TrainingRun(still, dir.resolve("fresh"), TrainingListener.NONE)) {
      third.train(new TrainingData(train, val), 0);
      fresh = convWeights(third);
    }
    for (int i = 0; i < trained.size(); i++) {
      assertArrayEquals(trained.get(i), warm.get(i), 1e-6f, "parameter " + i);
    }
    assertTrue(maxDifference(trained, fresh) > 1e-3, "a fresh run starts elsewhere");
    assertEquals(checkpoint, new RunFolder(dir.resolve("warm")).readConfig().initFrom());
  }

  @Test
  void initFromACheckpointOfAnotherShapeFailsWithTheFileName(@TempDir Path dir) throws Exception {
    FaceCache train = TrainingFixtures.sampleCache(0, 16);
    FaceCache val = TrainingFixtures.sampleCache(16, 8);
    TrainConfig config =
        TrainingFixtures.config(1, LearningRateSchedule.Kind.ONECYCLE, 0.05, Augmentation.none());
    try (TrainingRun first = new TrainingRun(config, dir.resolve("first"), TrainingListener.NONE)) {
      first.train(new TrainingData(train, val), 0);
    }
    String checkpoint = new RunFolder(dir.resolve("first")).lastCheckpoint().toString();
    TrainConfig wider =
        new TrainConfig(
            "unused",
            TrainingFixtures.tinyNetwork().withMultipliers(0.5, 1.0),
            1,
            8,
            LearningRateSchedule.Kind.ONECYCLE,
            0.05,
            0.2,
            0.9,
            true,
            5e-4,
            dev.dmtl.training.loss.AgeLoss.ORDINAL,
            "uncertainty",
            Augmentation.none(),
            7,
            0,
            0,
            checkpoint,
            false);
    try (TrainingRun second = new TrainingRun(wider, dir.resolve("wider"), TrainingListener.NONE)) {
      java.io.IOException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              java.io.IOException.class, () -> second.train(new TrainingData(train, val), 0));
      assertTrue(
          e.getMessage().contains(checkpoint) && e.getMessage().contains("do not fit"),
          e.getMessage());
    }
  }

  private static List<float[]> convWeights(TrainingRun run) {
    List<float[]> out = new ArrayList<>();
    for (Pair<String, Parameter> p : run.network().getParameters()) {
      if (p.getValue().getType() == Parameter.Type.WEIGHT) {
        out.add(p.getValue().getArray().toFloatArray());
      }
    }
    return out;
  }

  private static double maxDifference(List<float[]> a, List<float[]> b) {
    double max = 0;
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < a.get(i).length; j++) {
        max = Math.max(max, Math.abs(a.get(i)[j] - b.get(i)[j]));
      }
    }
    return max;
  }

  private static List<float[]> weights(TrainingRun run) {
    List<float[]> out = new ArrayList<>();
    for (Pair<String, Parameter> p : run.network().getParameters()) {
      out.add(p.getValue().getArray().toFloatArray());
    }
    return out;
  }
}
