package dev.dmtl.audit.config;

import dev.dmtl.audit.groups.AgeBinPreset;
import dev.dmtl.audit.groups.AgeBins;
import dev.dmtl.audit.groups.GroupKey;
import java.util.List;
import java.util.Objects;

/**
 * Everything that changes an audit's numbers. Recorded in the result's provenance. Start from
 * {@link #defaults()} and change fields with the {@code with…} methods.
 *
 * @param ageBins how true (and predicted) ages become age groups; default {@link
 *     AgeBinPreset#FAIRFACE}
 * @param agePrediction which age prediction the age metrics use; default {@link AgePrediction#RANK}
 *     (Eq. 6)
 * @param labelSource where labels come from; default {@link LabelOrigin#COLUMNS}
 * @param mode labelled, label-free or decided by the data; default {@link ModeChoice#AUTO}
 * @param minGroupSize groups (per task: rows with a known label) smaller than this are reported as
 *     insufficient, with NaN values and CIs; default 30
 * @param resamples bootstrap resamples for the percentile intervals; default 1,000; 0 disables the
 *     bootstrap (intervals NaN)
 * @param seed seed of the bootstrap; the same inputs, options and seed give the same intervals,
 *     whatever the thread count; default 42
 * @param confidenceLevel level of the bootstrap and Wilson intervals, in (0, 1); default 0.95
 * @param maxIntersection the largest number of attributes intersected (1 = single attributes only);
 *     default 3 (all pairs and the triple of gender, race, age)
 * @param references reference groups for the "vs reference" comparisons, at most one per grouping;
 *     a grouping without one uses its largest group (most rows); default none
 * @param failRules {@code --fail-on} rules evaluated after the audit; default none
 * @param threads worker threads for the bootstrap (does not change results); default the number of
 *     available processors
 * @param attributes attributes brought in a CSV file, grouping the audit next to the tasks; default
 *     none
 * @param calibrationBins bins of the reliability diagrams and calibration errors; default 10
 * @param correction the multiple-comparison correction of the significance flags; default {@link
 *     Correction#BH}
 */
public record AuditOptions(
    AgeBins ageBins,
    AgePrediction agePrediction,
    LabelOrigin labelSource,
    ModeChoice mode,
    int minGroupSize,
    int resamples,
    long seed,
    double confidenceLevel,
    int maxIntersection,
    List<GroupKey> references,
    List<FailRule> failRules,
    int threads,
    AttributeOptions attributes,
    int calibrationBins,
    Correction correction) {

  public static final int DEFAULT_MIN_GROUP_SIZE = 30;
  public static final int DEFAULT_RESAMPLES = 1000;
  public static final long DEFAULT_SEED = 42L;
  public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;
  public static final int DEFAULT_MAX_INTERSECTION = 3;
  public static final int DEFAULT_CALIBRATION_BINS = 10;

  public AuditOptions {
    Objects.requireNonNull(ageBins, "ageBins");
    Objects.requireNonNull(agePrediction, "agePrediction");
    Objects.requireNonNull(labelSource, "labelSource");
    Objects.requireNonNull(mode, "mode");
    references = List.copyOf(references == null ? List.of() : references);
    failRules = List.copyOf(failRules == null ? List.of() : failRules);
    if (minGroupSize < 1) {
      throw new IllegalArgumentException(
          "minimum group size must be at least 1, got " + minGroupSize);
    }
    if (resamples < 0) {
      throw new IllegalArgumentException("resamples must be 0 or more, got " + resamples);
    }
    if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
      throw new IllegalArgumentException(
          "confidence level must be in (0, 1), got " + confidenceLevel);
    }
    if (maxIntersection < 1) {
      throw new IllegalArgumentException(
          "max intersection must be at least 1, got " + maxIntersection);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    if (references.stream()
            .map(r -> new java.util.TreeSet<>(r.grouping().attributes()))
            .distinct()
            .count()
        != references.size()) {
      throw new IllegalArgumentException(
          "two reference groups for the same grouping: " + references);
    }
    if (references.stream().anyMatch(GroupKey::isOverall)) {
      throw new IllegalArgumentException("the overall group cannot be a reference group");
    }
    // absent in audits written before these options existed: their defaults
    calibrationBins = calibrationBins == 0 ? DEFAULT_CALIBRATION_BINS : calibrationBins;
    correction = correction == null ? Correction.BH : correction;
    if (calibrationBins < 2 || calibrationBins > 100) {
      throw new IllegalArgumentException(
          "calibration bins must be between 2 and 100, got " + calibrationBins);
    }
  }

  /** The documented defaults. */
  public static AuditOptions defaults() {
    return new AuditOptions(
        AgeBinPreset.FAIRFACE.bins(),
        AgePrediction.RANK,
        LabelOrigin.COLUMNS,
        ModeChoice.AUTO,
        DEFAULT_MIN_GROUP_SIZE,
        DEFAULT_RESAMPLES,
        DEFAULT_SEED,
        DEFAULT_CONFIDENCE_LEVEL,
        DEFAULT_MAX_INTERSECTION,
        List.of(),
        List.of(),
        Math.max(1, Runtime.getRuntime().availableProcessors()),
        null,
        DEFAULT_CALIBRATION_BINS,
        Correction.BH);
  }

  public AuditOptions withAgeBins(AgeBins v) {
    return new AuditOptions(
        v,
        agePrediction,
        labelSource,
        mode,
        minGroupSize,
        resamples,
        seed,
        confidenceLevel,
        maxIntersection,
        references,
        failRules,
        threads,
        attributes,
        calibrationBins,
        correction);
  }

  public AuditOptions withAgePrediction(AgePrediction v) {
    return new AuditOptions(
        ageBins,
        v,
        labelSource,
        mode,
        minGroupSize,
        resamples,
        seed,
        confidenceLevel,
        maxIntersection,
        references,
        failRules,
        threads,
        attributes,
        calibrationBins,
        correction);
  }

  public AuditOptions withLabelSource(LabelOrigin v) {
    return new AuditOptions(
        ageBins,
        agePrediction,
        v,
        mode,
        minGroupSize,
        resamples,
        seed,
        confidenceLevel,
        maxIntersection,
        references,
        failRules,
        threads,
        attributes,
        calibrationBins,
        correction);
  }

  public AuditOptions withMode(ModeChoice v) {
    return new AuditOptions(
        ageBins,
        agePrediction,
        labelSource,
        v,
        minGroupSize,
        resamples,
        seed,
        confidenceLevel,
        maxIntersection,
        references,
        failRules,
        threads,
        attributes,
        calibrationBins,
        correction);
  }

  public AuditOptions withMinGroupSize(int v) {
    return new AuditOptions(
        ageBins,
        agePrediction,
        labelSource,
        mode,
        v,
        resamples,
        seed,
        confidenceLevel,
        maxIntersection,
        references,
        failRules,
        threads,
        attributes,
        calibrationBins,
        correction);
  }

  public AuditOptions withResamples(int v) {
    return new AuditOptions(
        ageBins,
        agePrediction,
        labelSource,
        mode,
        minGroupSize,
        v,
        seed,
        confidenceLevel,
        maxIntersection,
        references,
        failRules,
        threads,
        attributes,
        calibrationBins,
        correction);
  }

  public AuditOptions withSeed(long v) {
    return new AuditOptions(
        ageBins,
        agePrediction,
        labelSource,
        mode,
        minGroupSize,
        resamples,
        v,
        confidenceLevel,
        maxIntersection,
        references,
        failRules,
        threads,
        attributes,
        calibrationBins,
        correction);
  }

  public AuditOptions withConfidenceLevel(double v) {
    return new AuditOptions(
        ageBins,
        agePrediction,
        labelSource,
        mode,
        minGroupSize,
        resamples,
        seed,
        v,
        maxIntersection,
        references,
        failRules,
        threads,
        attributes,
        calibrationBins,
        correction);
  }

  public AuditOptions withMaxIntersection(int v) {
    return new AuditOptions(
        ageBins,
        agePrediction,
        labelSource,
        mode,
        minGroupSize,
        resamples,
        seed,
        confidenceLevel,
        v,
        references,
        failRules,
        threads,
        attributes,
        calibrationBins,
        correction);
  }

  public AuditOptions withReferences(List<GroupKey> v) {
    return new AuditOptions(
        ageBins,
        agePrediction,
        labelSource,
        mode,
        minGroupSize,
        resamples,
        seed,
        confidenceLevel,
        maxIntersection,
        v,
        failRules,
        threads,
        attributes,
        calibrationBins,
        correction);
  }

  public AuditOptions withFailRules(List<FailRule> v) {
    return new AuditOptions(
        ageBins,
        agePrediction,
        labelSource,
        mode,
        minGroupSize,
        resamples,
        seed,
        confidenceLevel,
        maxIntersection,
        references,
        v,
        threads,
        attributes,
        calibrationBins,
        correction);
  }

  public AuditOptions withThreads(int v) {
    return new AuditOptions(
        ageBins,
        agePrediction,
        labelSource,
        mode,
        minGroupSize,
        resamples,
        seed,
        confidenceLevel,
        maxIntersection,
        references,
        failRules,
        v,
        attributes,
        calibrationBins,
        correction);
  }

  public AuditOptions withAttributes(AttributeOptions v) {
    return new AuditOptions(
        ageBins,
        agePrediction,
        labelSource,
        mode,
        minGroupSize,
        resamples,
        seed,
        confidenceLevel,
        maxIntersection,
        references,
        failRules,
        threads,
        v,
        calibrationBins,
        correction);
  }

  public AuditOptions withCalibrationBins(int v) {
    return new AuditOptions(
        ageBins,
        agePrediction,
        labelSource,
        mode,
        minGroupSize,
        resamples,
        seed,
        confidenceLevel,
        maxIntersection,
        references,
        failRules,
        threads,
        attributes,
        v,
        correction);
  }

  public AuditOptions withCorrection(Correction v) {
    return new AuditOptions(
        ageBins,
        agePrediction,
        labelSource,
        mode,
        minGroupSize,
        resamples,
        seed,
        confidenceLevel,
        maxIntersection,
        references,
        failRules,
        threads,
        attributes,
        calibrationBins,
        v);
  }
}
