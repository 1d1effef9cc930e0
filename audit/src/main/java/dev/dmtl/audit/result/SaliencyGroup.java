package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.dmtl.audit.groups.GroupKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The mean normalised saliency map of one task over one group's faces (or its right or wrong
 * answers), and the reading aid computed from it.
 *
 * @param task the task whose maps are averaged
 * @param group the group, keyed as in the audit's group list
 * @param subset all faces, right answers or wrong answers
 * @param n faces averaged (faces whose map is zero everywhere after clamping are left out)
 * @param mean {@code height × width} shares of attention, row-major, row 0 at the top; they sum to
 *     1 (empty when {@code n} is 0)
 * @param shares per region of {@link Saliency#regions()} (by name, in that order) the share of the
 *     mean map inside it, plus {@code outside_face} (1 − face); empty when {@code n} is 0
 */
@JsonPropertyOrder({"task", "group", "subset", "n", "shares", "mean"})
public record SaliencyGroup(
    String task,
    GroupKey group,
    SaliencySubset subset,
    int n,
    List<Double> mean,
    Map<String, Double> shares) {

  public SaliencyGroup {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(subset, "subset");
    mean = List.copyOf(mean);
    shares = Collections.unmodifiableMap(new LinkedHashMap<>(shares));
  }

  /** The share of attention in {@code region}, NaN when the group has no maps. */
  public double share(String region) {
    Double s = shares.get(region);
    return s == null ? Double.NaN : s;
  }
}
