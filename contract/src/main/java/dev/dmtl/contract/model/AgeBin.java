package dev.dmtl.contract.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * One class of a binned age task: the ages {@code low..high} in years, both inclusive, written
 * {@code [low, high]} in JSON (FairFace's {@code [3, 9]}).
 */
public record AgeBin(int low, int high) {

  public AgeBin {
    if (low < 0 || high < low) {
      throw new IllegalArgumentException(
          "age bin [" + low + ", " + high + "] is not a range of ages (0 <= low <= high)");
    }
  }

  @JsonCreator
  static AgeBin fromJson(List<Integer> bounds) {
    if (bounds == null || bounds.size() != 2 || bounds.contains(null)) {
      throw new IllegalArgumentException("an age bin must be [low, high], got " + bounds);
    }
    return new AgeBin(bounds.get(0), bounds.get(1));
  }

  @JsonValue
  List<Integer> toJson() {
    return List.of(low, high);
  }

  /** Whether the ages {@code min..max} (an exact age when equal) all lie in this bin. */
  public boolean contains(int min, int max) {
    return min >= low && max <= high;
  }

  /** The label used when the task declares none: {@code low-high}. */
  public String defaultLabel() {
    return low + "-" + high;
  }
}
