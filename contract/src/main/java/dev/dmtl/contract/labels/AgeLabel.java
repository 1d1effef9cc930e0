package dev.dmtl.contract.labels;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses age labels as label files write them: {@code 35}, {@code 25-32}, or Adience's {@code (25,
 * 32)}.
 */
final class AgeLabel {

  private static final Pattern EXACT = Pattern.compile("^\\(?\\s*(\\d{1,3})\\s*\\)?$");
  private static final Pattern RANGE =
      Pattern.compile("^\\(?\\s*(\\d{1,3})\\s*[-,]\\s*(\\d{1,3})\\s*\\)?$");

  /** Ages above this are data-entry errors, not people. */
  static final int MAX_AGE = 130;

  private AgeLabel() {}

  /** The {@code [min, max]} bounds, or empty when the text is not an age or a valid range. */
  static Optional<int[]> parse(String text) {
    String t = text.trim();
    Matcher exact = EXACT.matcher(t);
    if (exact.matches()) {
      int age = Integer.parseInt(exact.group(1));
      return age <= MAX_AGE ? Optional.of(new int[] {age, age}) : Optional.empty();
    }
    Matcher range = RANGE.matcher(t);
    if (range.matches()) {
      int lo = Integer.parseInt(range.group(1));
      int hi = Integer.parseInt(range.group(2));
      return lo <= hi && hi <= MAX_AGE ? Optional.of(new int[] {lo, hi}) : Optional.empty();
    }
    return Optional.empty();
  }
}
