package dev.dmtl.audit.groups;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Contiguous age bins that turn an age (years) into an age group. Bin {@code i} holds ages {@code
 * x} with {@code lowerEdges[i] <= x < lowerEdges[i+1]}; the last bin is open-ended. Real valued
 * ages (expected rank) are binned by the same rule, so 19.6 falls in 10–19 and 20.0 in 20–29. The
 * first edge is always 0, so every known age has a group.
 *
 * @param name preset name ({@code fairface}, …) or {@code custom}
 * @param lowerEdges strictly increasing lower edges in years, starting at 0
 * @param labels one label per bin, used as the attribute value in group ids; labels must not
 *     contain {@code ,} or {@code =}
 */
public record AgeBins(String name, List<Integer> lowerEdges, List<String> labels) {

  public AgeBins {
    Objects.requireNonNull(name, "name");
    lowerEdges = List.copyOf(lowerEdges);
    labels = List.copyOf(labels);
    if (lowerEdges.size() < 2) {
      throw new IllegalArgumentException("age bins need at least 2 bins, got " + lowerEdges);
    }
    if (lowerEdges.get(0) != 0) {
      throw new IllegalArgumentException(
          "the first age bin must start at 0, got " + lowerEdges.get(0));
    }
    for (int i = 1; i < lowerEdges.size(); i++) {
      if (lowerEdges.get(i) <= lowerEdges.get(i - 1)) {
        throw new IllegalArgumentException(
            "age bin edges must be strictly increasing: " + lowerEdges);
      }
    }
    if (labels.size() != lowerEdges.size()) {
      throw new IllegalArgumentException(
          labels.size() + " labels for " + lowerEdges.size() + " age bins");
    }
    if (labels.stream().distinct().count() != labels.size()) {
      throw new IllegalArgumentException("duplicate age bin labels " + labels);
    }
    for (String label : labels) {
      if (label.isBlank() || label.contains(",") || label.contains("=")) {
        throw new IllegalArgumentException("bad age bin label '" + label + "'");
      }
    }
  }

  /** Bins from lower edges, labelled by their ranges: {@code 0-2}, {@code 3-9}, …, {@code 70+}. */
  public static AgeBins fromEdges(String name, List<Integer> lowerEdges) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < lowerEdges.size(); i++) {
      labels.add(
          i + 1 < lowerEdges.size()
              ? lowerEdges.get(i) + "-" + (lowerEdges.get(i + 1) - 1)
              : lowerEdges.get(i) + "+");
    }
    return new AgeBins(name, lowerEdges, labels);
  }

  /**
   * Parses a preset name ({@code decades}, {@code fairface}, {@code adience}, {@code life-stages},
   * case-insensitive) or a custom comma-separated list of lower edges starting at 0 ({@code
   * 0,13,20,40,60}).
   */
  public static AgeBins parse(String spec) {
    String s = spec.strip();
    if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
      List<Integer> edges = new ArrayList<>();
      for (String part : s.split("\\s*,\\s*")) {
        try {
          edges.add(Integer.parseInt(part));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "age bin edge '" + part + "' is not an integer (in '" + spec + "')", e);
        }
      }
      return fromEdges("custom", edges);
    }
    return AgeBinPreset.parse(s).bins();
  }

  public int size() {
    return lowerEdges.size();
  }

  /** The bin index of an age in years, or -1 for NaN or a negative age. */
  public int binOf(double age) {
    if (Double.isNaN(age) || age < 0) {
      return -1;
    }
    // few bins: a linear scan is faster than a binary search here
    int bin = 0;
    for (int i = 1; i < lowerEdges.size(); i++) {
      if (age >= lowerEdges.get(i)) {
        bin = i;
      } else {
        break;
      }
    }
    return bin;
  }

  /** A spec that {@link #parse} turns back into these bins (preset name or edge list). */
  public String spec() {
    for (AgeBinPreset p : AgeBinPreset.values()) {
      if (p.bins().equals(this)) {
        return p.jsonName();
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lowerEdges.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(lowerEdges.get(i));
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }
}
