package dev.dmtl.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.dmtl.training.data.Augmentation;
import dev.dmtl.training.data.FaceCache;
import dev.dmtl.training.optim.LearningRateSchedule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {

  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  @Test
  void aFewStepsOnRealFacesReduceTheLoss(@TempDir Path dir) throws Exception {
    FaceCache train = TrainingFixtures.sampleCache(0, 32);
    FaceCache val = TrainingFixtures.sampleCache(32, 16);
    TrainConfig config = TrainingFixtures.config(4, LearningRateSchedule.Kind.CONSTANT, 0.01, Augmentation.none());
    try (TrainingRun run = new TrainingRun(config, dir, QUIET)) {
      run.train(train, val);
    }
    List<EpochRecord> history = new RunFolder(dir).readHistory();
    assertEquals(4, history.size());
    assertTrue(history.get(3).trainLoss() < history.get(0).trainLoss(),
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
    TrainConfig config = TrainingFixtures.config(2, LearningRateSchedule.Kind.ONECYCLE, 0.05, Augmentation.standard());
    List<float[]> straight;
    try (TrainingRun run = new TrainingRun(config, dir.resolve("straight"), QUIET)) {
      run.train(train, val);
      straight = weights(run);
    }
    try (TrainingRun first = new TrainingRun(config, dir.resolve("resumed"), QUIET)) {
      assertEquals(1, first.train(train, val, 1).epoch());
    }
    List<float[]> resumed;
    try (TrainingRun second = new TrainingRun(config, dir.resolve("resumed"), QUIET)) {
      assertEquals(2, second.train(train, val).epoch());
      resumed = weights(second);
    }
    assertEquals(straight.size(), resumed.size());
    for (int i = 0; i < straight.size(); i++) {
      assertArrayEquals(straight.get(i), resumed.get(i), "parameter " + i);
    }
    assertEquals(2, new RunFolder(dir.resolve("resumed")).readHistory().size());
  }

  private static List<float[]> weights(TrainingRun run) {
    List<float[]> out = new ArrayList<>();
    for (Pair<String, Parameter> p : run.network().getParameters()) {
      out.add(p.getValue().getArray().toFloatArray());
    }
    return out;
  }
}
