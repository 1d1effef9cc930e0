package dev.dmtl.contract.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * The columns {@code [from, to)} of a {@code [batch, W]} output that one task reads, written {@code
 * [from, to]} in JSON: InsightFace's {@code [N, 3]} holds gender in {@code [0, 2)} and age in
 * {@code [2, 3)}.
 *
 * @param from first column, &gt;= 0
 * @param to one past the last column, &gt; from
 */
public record OutputSlice(int from, int to) {

  public OutputSlice {
    if (from < 0 || to <= from) {
      throw new IllegalArgumentException(
          "slice " + this + " is empty or negative (expected [from, to) with 0 <= from < to)");
    }
  }

  @JsonCreator
  static OutputSlice fromJson(List<Integer> bounds) {
    if (bounds == null || bounds.size() != 2 || bounds.contains(null)) {
      throw new IllegalArgumentException("slice must be [from, to], got " + bounds);
    }
    return new OutputSlice(bounds.get(0), bounds.get(1));
  }

  @JsonValue
  List<Integer> toJson() {
    return List.of(from, to);
  }

  public int width() {
    return to - from;
  }

  @Override
  public String toString() {
    return "[" + from + ", " + to + ")";
  }
}
