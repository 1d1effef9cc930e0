package dev.dmtl.training.optim;

import java.util.Locale;

/**
 * Learning rate as a function of the global step. {@code constant} is the paper's Algorithm 1 (lr
 * 1e-3, a fine-tuning rate); {@code onecycle} warms up linearly from {@code peak/25} to {@code
 * peak} over the first {@code warmup} fraction of the steps, then follows a cosine down to {@code
 * peak/1e4}: what makes from-scratch training converge in a few CPU hours.
 */
public record LearningRateSchedule(Kind kind, double peak, double warmup, long totalSteps) {

  /** Schedule family. */
  public enum Kind {
    CONSTANT,
    ONECYCLE,
    COSINE
  }

  public LearningRateSchedule {
    if (!(peak > 0)) {
      throw new IllegalArgumentException("learning rate must be positive, got " + peak);
    }
    if (warmup < 0 || warmup >= 1) {
      throw new IllegalArgumentException("warmup fraction must be in [0, 1), got " + warmup);
    }
    if (totalSteps < 1) {
      throw new IllegalArgumentException("total steps must be positive");
    }
  }

  public static Kind parseKind(String value) {
    return Kind.valueOf(value.trim().toUpperCase(Locale.ROOT));
  }

  /** Learning rate at 0-based step {@code step}. */
  public double at(long step) {
    double s = Math.min(step, totalSteps - 1);
    switch (kind) {
      case CONSTANT:
        return peak;
      case COSINE:
        return cosine(peak, peak * 1e-4, s / Math.max(1, totalSteps - 1));
      case ONECYCLE:
      default:
        double warm = Math.max(1, Math.round(warmup * totalSteps));
        if (s < warm) {
          double start = peak / 25;
          return start + (peak - start) * s / warm;
        }
        return cosine(peak, peak * 1e-4, (s - warm) / Math.max(1, totalSteps - warm - 1));
    }
  }

  private static double cosine(double from, double to, double progress) {
    double p = Math.max(0, Math.min(1, progress));
    return to + (from - to) * 0.5 * (1 + Math.cos(Math.PI * p));
  }
}
