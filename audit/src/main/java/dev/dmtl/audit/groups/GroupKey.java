package dev.dmtl.audit.groups;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One group: a value for each attribute of its {@link Grouping}.
 *
 * @param grouping the grouping this group belongs to
 * @param values one value per attribute of the grouping, in the same order (empty for overall)
 */
public record GroupKey(Grouping grouping, List<String> values) {

  /** The only group of the overall grouping. */
  public static final GroupKey OVERALL = new GroupKey(Grouping.OVERALL, List.of());

  /** The value of an input whose attribute is missing: a group of its own, never dropped. */
  public static final String UNKNOWN = "unknown";

  public GroupKey {
    Objects.requireNonNull(grouping, "grouping");
    values = List.copyOf(Objects.requireNonNull(values, "values"));
    if (values.size() != grouping.attributes().size()) {
      throw new IllegalArgumentException(
          "group " + values + " does not match grouping " + grouping.id());
    }
  }

  /**
   * Parses an id as written by {@link #id()}: {@code all}, {@code race=black}, {@code
   * gender=female,age=20-29}.
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static GroupKey parse(String id) {
    String s = id.strip();
    if (s.equals(Grouping.OVERALL_ID)) {
      return OVERALL;
    }
    List<String> attributes = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (String part : s.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "group id part '" + part + "' is not attribute=value (in '" + id + "')");
      }
      attributes.add(part.substring(0, eq).strip());
      values.add(part.substring(eq + 1).strip());
    }
    return new GroupKey(new Grouping(attributes), values);
  }

  /** The value of one attribute, or null when the grouping does not use it. */
  public String value(String attribute) {
    int i = grouping.attributes().indexOf(attribute);
    return i < 0 ? null : values.get(i);
  }

  /** True when both fix the same value for the same attributes, in any order. */
  public boolean sameGroup(GroupKey other) {
    if (!grouping.sameAttributes(other.grouping)) {
      return false;
    }
    for (String a : grouping.attributes()) {
      if (!value(a).equals(other.value(a))) {
        return false;
      }
    }
    return true;
  }

  /** True when one of the group's values is {@link #UNKNOWN}. */
  public boolean hasUnknown() {
    return values.contains(UNKNOWN);
  }

  public boolean isOverall() {
    return grouping.isOverall();
  }

  /** Stable id: {@code all}, {@code race=black}, {@code gender=female,age=20-29}. */
  @JsonValue
  public String id() {
    if (isOverall()) {
      return Grouping.OVERALL_ID;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(grouping.attributes().get(i)).append('=').append(values.get(i));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return id();
  }
}
