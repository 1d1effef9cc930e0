package dev.dmtl.cli;

import dev.dmtl.audit.compare.DeltaRule;
import dev.dmtl.audit.config.AgePrediction;
import dev.dmtl.audit.config.AttributeOptions;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.config.BinRule;
import dev.dmtl.audit.config.Correction;
import dev.dmtl.audit.config.FailRule;
import dev.dmtl.audit.config.LabelOrigin;
import dev.dmtl.audit.config.ModeChoice;
import dev.dmtl.audit.groups.AgeBins;
import dev.dmtl.audit.groups.GroupKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of a fairness audit, as a picocli mixin shared by {@code dmtl audit} and {@code dmtl
 * run}. (Where ground truth comes from is each command's own option.)
 */
final class AuditSettings {

  @Option(
      names = "--age-bins",
      defaultValue = "fairface",
      paramLabel = "BINS",
      description =
          "Age groups: decades, fairface (0-2, 3-9, 10-19, ..., 70+), adience, life-stages, or lower "
              + "edges starting at 0, e.g. 0,13,20,40,60. Default: ${DEFAULT-VALUE}.")
  String ageBins;

  @Option(
      names = "--age-prediction",
      defaultValue = "rank",
      paramLabel = "WHICH",
      description =
          "Age prediction the age metrics use: rank (paper Eq. 6, the <task>_pred column) or expected "
              + "(expected rank). Default: ${DEFAULT-VALUE}.")
  String agePrediction;

  @Option(
      names = "--min-group-size",
      defaultValue = "30",
      paramLabel = "N",
      description =
          "Groups with fewer labelled rows are reported as insufficient (NaN). Default: ${DEFAULT-VALUE}.")
  int minGroupSize;

  @Option(
      names = "--resamples",
      defaultValue = "1000",
      paramLabel = "N",
      description =
          "Bootstrap resamples for the confidence intervals; 0 turns them off. Default: ${DEFAULT-VALUE}.")
  int resamples;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "SEED",
      description = "Bootstrap seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--confidence",
      defaultValue = "0.95",
      paramLabel = "LEVEL",
      description = "Confidence level of all intervals. Default: ${DEFAULT-VALUE}.")
  double confidence;

  @Option(
      names = "--max-intersection",
      defaultValue = "3",
      paramLabel = "K",
      description =
          "Intersect at most K attributes (1 = no intersections). Default: ${DEFAULT-VALUE}.")
  int maxIntersection;

  @Option(
      names = "--reference",
      paramLabel = "GROUP",
      description =
          "Reference group for the vs-reference comparisons of its grouping, e.g. race=white or "
              + "gender=male,race=white (repeatable). Default: each grouping's largest group.")
  List<String> references = new ArrayList<>();

  @Option(
      names = "--fail-on",
      paramLabel = "RULE",
      description =
          "Exit with code 4 when RULE holds, e.g. \"gender.accuracy.gap>0.05\", "
              + "\"race.recall[black].ratio@gender<0.8\", \"age.mae.gap:lower>2\" (repeatable; grammar in "
              + "docs/AUDIT_SCHEMA.md). With dmtl run --baseline RUN, a rule over a change, "
              + "\"delta(race.accuracy.gap@gender)>0.01\", gates the comparison (docs/COMPARE.md).")
  List<String> failOn = new ArrayList<>();

  @Option(
      names = "--attributes",
      paramLabel = "FILE.csv",
      description =
          "Attributes to group by besides the model's tasks (skin tone, capture site, camera, lighting, …): "
              + "a CSV with a key column path (the input's relative path, as --labels joins) or image_sha256, "
              + "and one column per attribute. Missing values form an 'unknown' group. docs/AUDIT.md.")
  Path attributes;

  @Option(
      names = "--bins",
      paramLabel = "COLUMN=CUTS|qN",
      description =
          "How a numeric attribute column becomes groups: cut points (brightness=64,128,192: <64, "
              + "64-128, 128-192, >=192) or quantile bins of the audited inputs (brightness=q4). Repeatable.")
  List<String> bins = new ArrayList<>();

  @Option(
      names = "--correction",
      defaultValue = "bh",
      paramLabel = "METHOD",
      description =
          "Multiple-comparison correction of the significance flags over every group difference tested: "
              + "bh (Benjamini-Hochberg, false discovery rate), holm (family-wise error rate) or none. "
              + "Default: ${DEFAULT-VALUE}.")
  String correction;

  @Option(
      names = "--calibration-bins",
      defaultValue = "10",
      paramLabel = "N",
      description =
          "Bins of the calibration: reliability diagrams (equal-width and equal-mass), ECE and MCE,"
              + " the age thresholds' calibration. 2 to 100. Default: ${DEFAULT-VALUE}.")
  int calibrationBins;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Bootstrap threads (results do not depend on it). Default: available processors.")
  Integer threads;

  /** The audit options, every value checked; bad values are usage errors of {@code cli}. */
  AuditOptions options(CommandLine cli, String labels, String mode) {
    return options(cli, labels, mode, false);
  }

  /**
   * The audit options; with {@code withoutDeltaRules} the {@code delta(...)} rules of {@code
   * --fail-on} are left out (they gate a comparison with a baseline, {@link #deltaRules}).
   */
  AuditOptions options(CommandLine cli, String labels, String mode, boolean withoutDeltaRules) {
    try {
      AuditOptions o =
          AuditOptions.defaults()
              .withAgeBins(AgeBins.parse(ageBins))
              .withAgePrediction(AgePrediction.parse(agePrediction))
              .withLabelSource(LabelOrigin.parse(labels))
              .withMode(ModeChoice.parse(mode))
              .withMinGroupSize(minGroupSize)
              .withResamples(resamples)
              .withSeed(seed)
              .withConfidenceLevel(confidence)
              .withMaxIntersection(maxIntersection)
              .withReferences(references.stream().map(GroupKey::parse).toList())
              .withFailRules(
                  failOn.stream()
                      .filter(r -> !(withoutDeltaRules && isDeltaRule(r)))
                      .map(FailRule::parse)
                      .toList())
              .withCorrection(Correction.parse(correction))
              .withCalibrationBins(calibrationBins);
      if (calibrationBins < 2) {
        // 0 stands for "the default" in audit files written before the option existed
        throw new IllegalArgumentException(
            "--calibration-bins must be between 2 and 100, got " + calibrationBins);
      }
      if (!bins.isEmpty() && attributes == null) {
        throw new IllegalArgumentException("--bins needs --attributes FILE.csv");
      }
      if (attributes != null) {
        o =
            o.withAttributes(
                new AttributeOptions(
                    attributes.toString(), bins.stream().map(BinRule::parse).toList()));
      }
      return threads == null ? o : o.withThreads(threads);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cli, e.getMessage(), e);
    }
  }

  /** The {@code delta(...)} rules of {@code --fail-on}: gates on a comparison with a baseline. */
  List<DeltaRule> deltaRules(CommandLine cli) {
    try {
      return failOn.stream().filter(AuditSettings::isDeltaRule).map(DeltaRule::parse).toList();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cli, e.getMessage(), e);
    }
  }

  private static boolean isDeltaRule(String rule) {
    return rule.strip().startsWith("delta(");
  }
}
