package dev.dmtl.audit.groups;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * A way of splitting the rows into groups: by no attribute (overall), by one attribute, or by the
 * intersection of several. Attributes are named after the task whose label (or, in label-free mode,
 * prediction) defines them: {@code gender}, {@code race}, {@code age}.
 *
 * @param attributes attribute names in the audit's attribute order; empty for the overall grouping
 */
public record Grouping(List<String> attributes) {

  /** The grouping with a single group holding every row. */
  public static final Grouping OVERALL = new Grouping(List.of());

  /** Spelling of the overall grouping and of its only group in ids. */
  public static final String OVERALL_ID = "all";

  public Grouping {
    attributes = List.copyOf(Objects.requireNonNull(attributes, "attributes"));
    if (attributes.stream().distinct().count() != attributes.size()) {
      throw new IllegalArgumentException("grouping names an attribute twice: " + attributes);
    }
    for (String a : attributes) {
      if (a.isBlank() || a.contains(",") || a.contains("=")) {
        throw new IllegalArgumentException("bad attribute name '" + a + "'");
      }
    }
  }

  public static Grouping of(String... attributes) {
    return new Grouping(List.of(attributes));
  }

  /** Parses an id as written by {@link #id()}: {@code all}, {@code race}, {@code gender,race}. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Grouping parse(String id) {
    String s = id.strip();
    if (s.equals(OVERALL_ID) || s.isEmpty()) {
      return OVERALL;
    }
    return new Grouping(List.of(s.split("\\s*,\\s*")));
  }

  public boolean isOverall() {
    return attributes.isEmpty();
  }

  /** Number of attributes: 0 overall, 1 single attribute, 2 pair, 3 triple. */
  public int order() {
    return attributes.size();
  }

  /**
   * True when both name the same attributes, in any order ({@code race,gender} is {@code
   * gender,race}).
   */
  public boolean sameAttributes(Grouping other) {
    return attributes.size() == other.attributes.size() && attributes.containsAll(other.attributes);
  }

  public boolean contains(String attribute) {
    return attributes.contains(attribute);
  }

  /** Stable id used in JSON, CSV and rules: {@code all}, {@code race}, {@code gender,race}. */
  @JsonValue
  public String id() {
    return isOverall() ? OVERALL_ID : String.join(",", attributes);
  }

  @Override
  public String toString() {
    return id();
  }
}
