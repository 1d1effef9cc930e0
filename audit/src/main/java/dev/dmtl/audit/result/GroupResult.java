package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.metrics.MetricKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every metric of one group.
 *
 * @param key the group
 * @param n rows in the group (rows whose grouping attributes are all known); per-task counts are in
 *     each {@link MetricResult#n()}
 * @param reference true when this group is its grouping's reference group
 * @param metrics one entry per metric key, in a stable order (tasks in model order, metrics in
 *     {@link dev.dmtl.audit.metrics.Metric} order, classes in label order, k ascending)
 */
@JsonPropertyOrder({"group", "grouping", "n", "reference", "metrics"})
public record GroupResult(
    @JsonProperty(value = "group", required = true) GroupKey key,
    long n,
    boolean reference,
    List<MetricResult> metrics) {

  public GroupResult {
    Objects.requireNonNull(key, "key");
    metrics = List.copyOf(metrics);
  }

  /** The grouping, from the key (written for readers; ignored when read). */
  @JsonProperty(value = "grouping", access = JsonProperty.Access.READ_ONLY)
  String groupingId() {
    return key.grouping().id();
  }

  public Optional<MetricResult> metric(MetricKey metricKey) {
    return metrics.stream().filter(m -> m.key().equals(metricKey)).findFirst();
  }

  /** The point value of a metric, NaN when absent, undefined or insufficient. */
  public double value(MetricKey metricKey) {
    return metric(metricKey).map(MetricResult::value).orElse(Double.NaN);
  }
}
