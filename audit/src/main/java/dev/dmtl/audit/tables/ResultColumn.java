package dev.dmtl.audit.tables;

import java.util.Objects;

/**
 * A column of a {@link ResultTable}: its name (the CSV header) and what its cells hold.
 *
 * @param name the column's name
 * @param kind what its cells hold
 */
public record ResultColumn(String name, Kind kind) {

  /** What the cells of a column hold; every kind allows a missing cell (null). */
  public enum Kind {
    /** {@link String} */
    TEXT,
    /** {@link Integer} or {@link Long} */
    INTEGER,
    /** {@link Double}; NaN is stored as missing */
    NUMBER,
    /** {@link Boolean} */
    BOOLEAN
  }

  public ResultColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }

  static ResultColumn text(String name) {
    return new ResultColumn(name, Kind.TEXT);
  }

  static ResultColumn integer(String name) {
    return new ResultColumn(name, Kind.INTEGER);
  }

  static ResultColumn number(String name) {
    return new ResultColumn(name, Kind.NUMBER);
  }

  static ResultColumn bool(String name) {
    return new ResultColumn(name, Kind.BOOLEAN);
  }
}
