package dev.dmtl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.training.data.FaceSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code --max-train}: a capped training set must still cover the ages, not the first names. */
class SubsetTest {

  @Test
  void aCappedSetIsSpreadOverAgesAndDeterministic() {
    List<FaceSample> all = new ArrayList<>();
    for (int age = 1; age <= 90; age++) {
      for (int i = 0; i < 20; i++) {
        all.add(
            new FaceSample(age + "_0_0_2017010" + String.format("%010d", i) + ".jpg", age, 0, 0));
      }
    }
    all.sort(
        (a, b) -> a.name().compareTo(b.name())); // name order: 1_, 10_, 11_, …: by the age's digits
    List<FaceSample> subset = TrainingData.limit(all, 180);
    assertEquals(180, subset.size());
    Set<Integer> ages = subset.stream().map(FaceSample::age).collect(Collectors.toSet());
    assertTrue(ages.size() > 70, "a hash-ordered subset covers most ages, got " + ages.size());
    assertEquals(subset, TrainingData.limit(all, 180));
    assertSame(all, TrainingData.limit(all, 0));
  }
}
