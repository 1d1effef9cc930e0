package dev.dmtl.audit.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names one metric value within a group: task, metric, and the class label or tolerance k when the
 * metric has one.
 *
 * @param task task name, e.g. {@code gender}, or {@value #COVERAGE_TASK} for coverage
 * @param metric the metric
 * @param label class label (nominal) or age-bin label, for {@link Qualifier#CLASS} metrics; else
 *     null
 * @param k tolerance in years for {@link Qualifier#K} metrics (CS); else null
 */
public record MetricKey(String task, Metric metric, String label, Integer k) {

  /** Pseudo task name under which coverage gaps are reported. */
  public static final String COVERAGE_TASK = "coverage";

  private static final Pattern ID =
      Pattern.compile("^([^.\\[\\]]+)\\.([a-z0-9_]+)(?:\\[([^\\[\\]]+)\\])?$");

  public MetricKey {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(metric, "metric");
    if (task.isBlank() || task.contains(".") || task.contains("[")) {
      throw new IllegalArgumentException("bad task name '" + task + "'");
    }
    switch (metric.qualifier()) {
      case NONE -> {
        if (label != null || k != null) {
          throw new IllegalArgumentException(metric.jsonName() + " takes no class label or k");
        }
      }
      case CLASS -> {
        if (label == null || k != null) {
          throw new IllegalArgumentException(metric.jsonName() + " needs a class label");
        }
        if (label.contains("[") || label.contains("]")) {
          throw new IllegalArgumentException("bad class label '" + label + "'");
        }
      }
      case K -> {
        if (label != null || k == null || k < 0 || k > TaskContext.CS_MAX_K) {
          throw new IllegalArgumentException(
              metric.jsonName() + " needs k in 0.." + TaskContext.CS_MAX_K);
        }
      }
    }
  }

  public static MetricKey of(String task, Metric metric) {
    return new MetricKey(task, metric, null, null);
  }

  public static MetricKey ofClass(String task, Metric metric, String label) {
    return new MetricKey(task, metric, label, null);
  }

  public static MetricKey ofK(String task, Metric metric, int k) {
    return new MetricKey(task, metric, null, k);
  }

  /**
   * Parses an id as written by {@link #id()}: {@code gender.accuracy}, {@code race.recall[black]},
   * {@code age.cs[5]}.
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static MetricKey parse(String id) {
    Matcher m = ID.matcher(id.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + id + "' is not task.metric or task.metric[qualifier]");
    }
    Metric metric = Metric.parse(m.group(2));
    String q = m.group(3);
    return switch (metric.qualifier()) {
      case NONE -> {
        if (q != null) {
          throw new IllegalArgumentException(
              metric.jsonName() + " takes no [qualifier] (in '" + id + "')");
        }
        yield of(m.group(1), metric);
      }
      case CLASS -> {
        if (q == null) {
          throw new IllegalArgumentException(
              metric.jsonName()
                  + " needs a class, e.g. "
                  + m.group(1)
                  + "."
                  + metric.jsonName()
                  + "[label] (in '"
                  + id
                  + "')");
        }
        yield ofClass(m.group(1), metric, q);
      }
      case K -> {
        if (q == null) {
          throw new IllegalArgumentException(
              "cs needs k, e.g. " + m.group(1) + ".cs[5] (in '" + id + "')");
        }
        try {
          yield ofK(m.group(1), metric, Integer.parseInt(q));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "k '" + q + "' is not an integer (in '" + id + "')", e);
        }
      }
    };
  }

  /** Stable id: {@code gender.accuracy}, {@code race.recall[black]}, {@code age.cs[5]}. */
  @JsonValue
  public String id() {
    String base = task + "." + metric.jsonName();
    if (label != null) {
      return base + "[" + label + "]";
    }
    if (k != null) {
      return base + "[" + k + "]";
    }
    return base;
  }

  @Override
  public String toString() {
    return id();
  }
}
