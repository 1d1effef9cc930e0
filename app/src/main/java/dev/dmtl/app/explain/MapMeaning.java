package dev.dmtl.app.explain;

import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.explain.SaliencyMethod;
import dev.dmtl.inference.explain.TaskScore;
import dev.dmtl.inference.model.FacePrediction;
import java.util.Locale;

/**
 * What the cells of one task's map measure, for the JSON, the CSV and the colour bar: the same map
 * values mean different things per method and task kind, and every output says which.
 *
 * @param score a snake_case name ({@code probability_drop}, {@code expected_rank_change}, {@code
 *     logit_contribution}, {@code expected_rank_contribution})
 * @param description the same in words
 * @param unit the colour bar's caption
 */
public record MapMeaning(String score, String description, String unit) {

  /** The meaning of {@code method}'s map of {@code task} for a face predicted as {@code p}. */
  public static MapMeaning of(SaliencyMethod method, TaskSpec task, FacePrediction p) {
    boolean ordinal = task.kind() == TaskKind.ORDINAL;
    if (method == SaliencyMethod.OCCLUSION) {
      TaskScore s = TaskScore.of(task);
      return new MapMeaning(
          s.name().toLowerCase(Locale.ROOT),
          s.description(),
          ordinal
              ? "|change of expected " + task.name() + "|"
              : "drop of p(" + p.nominal(task.name()).label() + ")");
    }
    return ordinal
        ? new MapMeaning(
            "expected_rank_contribution",
            "each cell's share of the expected rank's gradient-weighted features (exact Grad-CAM"
                + " of the expected rank; rank units)",
            "contribution to expected " + task.name())
        : new MapMeaning(
            "logit_contribution",
            "each cell's share of the predicted label's logit (exact class activation map; logit"
                + " units)",
            "contribution to logit of " + p.nominal(task.name()).label());
  }
}
