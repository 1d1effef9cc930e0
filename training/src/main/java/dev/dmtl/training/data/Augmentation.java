package dev.dmtl.training.data;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Random;

/**
 * Random geometric and photometric jitter applied to cached crops while building a batch. Geometry
 * is one affine warp (flip, uniform scale, rotation, translation) sampled bilinearly with edge
 * clamping; colour is brightness, contrast and saturation jitter. All draws come from the caller's
 * seeded {@link Random}, so an epoch is reproducible.
 *
 * @param flip probability of a horizontal flip
 * @param scale maximum relative scale change (0.1 → [0.9, 1.1])
 * @param shift maximum translation as a fraction of the side
 * @param rotateDegrees maximum rotation in degrees either way
 * @param color maximum relative brightness/contrast/saturation change
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record Augmentation(
    double flip, double scale, double shift, double rotateDegrees, double color) {

  public static Augmentation none() {
    return new Augmentation(0, 0, 0, 0, 0);
  }

  /** The default training augmentation. */
  public static Augmentation standard() {
    return new Augmentation(0.5, 0.10, 0.08, 10, 0.2);
  }

  @JsonIgnore
  public boolean isNone() {
    return flip == 0 && scale == 0 && shift == 0 && rotateDegrees == 0 && color == 0;
  }

  /** One sample's drawn parameters. */
  record Draw(
      boolean flip,
      double scale,
      double angle,
      double dx,
      double dy,
      double brightness,
      double contrast,
      double saturation) {
    static final Draw IDENTITY = new Draw(false, 1, 0, 0, 0, 1, 1, 1);
  }

  Draw draw(Random rng, int size) {
    if (isNone()) {
      return Draw.IDENTITY;
    }
    return new Draw(
        rng.nextDouble() < flip,
        1 + (rng.nextDouble() * 2 - 1) * scale,
        Math.toRadians((rng.nextDouble() * 2 - 1) * rotateDegrees),
        (rng.nextDouble() * 2 - 1) * shift * size,
        (rng.nextDouble() * 2 - 1) * shift * size,
        1 + (rng.nextDouble() * 2 - 1) * color,
        1 + (rng.nextDouble() * 2 - 1) * color,
        1 + (rng.nextDouble() * 2 - 1) * color);
  }
}
