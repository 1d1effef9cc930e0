package dev.dmtl.reports.svg;

/**
 * Unique element ids for one document ({@code chart-1}, {@code chart-2}, …). Ids are generated,
 * never built from data, so no label can collide with or break out of them.
 */
public final class IdSequence {

  private int next = 1;

  /** The next id with this prefix; the prefix must be a constant of the code. */
  public String next(String prefix) {
    return prefix + "-" + next++;
  }
}
