package dev.dmtl.training.data;

import java.util.Objects;

/**
 * One labelled training image. Label codes follow UTKFace; {@code -1} is unknown.
 *
 * @param name file name (the split and the cache key use it)
 * @param age age in years, or -1
 * @param gender 0 male, 1 female, or -1
 * @param race 0 white, 1 black, 2 asian, 3 indian, 4 others, or -1
 */
public record FaceSample(String name, int age, int gender, int race) {
  public FaceSample {
    Objects.requireNonNull(name, "name");
  }
}
