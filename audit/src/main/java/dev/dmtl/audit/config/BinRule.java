package dev.dmtl.audit.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a numeric attribute column becomes groups ({@code --bins COLUMN=…}): at given cut points
 * ({@code brightness=64,128,192}: &lt;64, 64–128, 128–192, ≥192, each bin including its lower cut)
 * or into quantile bins of the values ({@code brightness=q4}: quartiles, q1 lowest).
 *
 * @param column the attribute column
 * @param cuts ascending cut points, empty for quantiles
 * @param quantiles number of quantile bins (2..20), 0 for cut points
 */
public record BinRule(String column, List<Double> cuts, int quantiles) {

  public BinRule {
    Objects.requireNonNull(column, "column");
    cuts = List.copyOf(cuts == null ? List.of() : cuts);
    if (cuts.isEmpty() == (quantiles == 0)) {
      throw new IllegalArgumentException(
          "--bins " + column + ": give either cut points or qN, not both or neither");
    }
    if (quantiles != 0 && (quantiles < 2 || quantiles > 20)) {
      throw new IllegalArgumentException(
          "--bins " + column + "=q" + quantiles + ": between q2 and q20 quantile bins");
    }
    for (int i = 1; i < cuts.size(); i++) {
      if (!(cuts.get(i) > cuts.get(i - 1))) {
        throw new IllegalArgumentException(
            "--bins " + column + ": cut points must ascend, got " + cuts);
      }
    }
  }

  /** Parses {@code COLUMN=c1,c2,…} or {@code COLUMN=qN}. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static BinRule parse(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0 || eq == spec.length() - 1) {
      throw new IllegalArgumentException(
          "--bins '" + spec + "' is not COLUMN=CUTS or COLUMN=qN, e.g. brightness=q4");
    }
    String column = spec.substring(0, eq).strip();
    String rule = spec.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
    if (rule.matches("q\\d+")) {
      return new BinRule(column, List.of(), Integer.parseInt(rule.substring(1)));
    }
    List<Double> cuts = new ArrayList<>();
    for (String part : rule.split(",")) {
      try {
        double d = Double.parseDouble(part.strip());
        if (!Double.isFinite(d)) {
          throw new NumberFormatException(part);
        }
        cuts.add(d);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--bins " + column + ": '" + part.strip() + "' is not a number", e);
      }
    }
    return new BinRule(column, cuts, 0);
  }

  /** As written: {@code brightness=q4}, {@code age=18,65}. */
  @JsonValue
  public String spec() {
    if (quantiles > 0) {
      return column + "=q" + quantiles;
    }
    List<String> parts = new ArrayList<>();
    for (double c : cuts) {
      parts.add(number(c));
    }
    return column + "=" + String.join(",", parts);
  }

  /** A cut point as people write it: 64, not 64.0. */
  public static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
