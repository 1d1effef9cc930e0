package dev.dmtl.training.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void oneCycleWarmsUpPeaksAndAnneals() {
    LearningRateSchedule s =
        new LearningRateSchedule(LearningRateSchedule.Kind.ONECYCLE, 0.1, 0.1, 1000);
    assertEquals(0.1 / 25, s.at(0), 1e-12);
    assertEquals(0.1, s.at(100), 1e-12);
    assertTrue(s.at(500) < 0.1 && s.at(500) > s.at(900));
    assertEquals(0.1 * 1e-4, s.at(999), 1e-9);
    assertEquals(s.at(999), s.at(5000), 0); // clamped past the end
  }

  @Test
  void constantIsThePaperRate() {
    LearningRateSchedule s =
        new LearningRateSchedule(LearningRateSchedule.Kind.CONSTANT, 1e-3, 0, 10);
    assertEquals(1e-3, s.at(0));
    assertEquals(1e-3, s.at(9));
  }
}
