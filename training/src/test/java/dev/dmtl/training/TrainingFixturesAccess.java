package dev.dmtl.training;

import dev.dmtl.training.data.Augmentation;
import dev.dmtl.training.data.FaceCache;
import dev.dmtl.training.optim.LearningRateSchedule;

/** Exposes {@link TrainingFixtures} to tests in sub-packages. */
public final class TrainingFixturesAccess {
  private TrainingFixturesAccess() {}

  public static FaceCache sampleCache(int skip, int n) {
    return TrainingFixtures.sampleCache(skip, n);
  }

  public static TrainConfig config(int epochs) {
    return TrainingFixtures.config(
        epochs, LearningRateSchedule.Kind.ONECYCLE, 0.05, Augmentation.standard());
  }
}
