package dev.dmtl.audit.config;

import java.util.List;
import java.util.Objects;

/**
 * Attributes the auditor brings ({@code --attributes FILE.csv}): sensitive or circumstantial facts
 * about each input (skin tone, capture site, camera, lighting) that group the audit next to the
 * model's own tasks.
 *
 * @param file the CSV file (a header row; a key column {@code path} or {@code image_sha256}; one
 *     column per attribute)
 * @param bins how numeric columns become groups; a numeric column without a rule is refused
 */
public record AttributeOptions(String file, List<BinRule> bins) {

  public AttributeOptions {
    Objects.requireNonNull(file, "file");
    bins = List.copyOf(bins == null ? List.of() : bins);
    if (bins.stream().map(BinRule::column).distinct().count() != bins.size()) {
      throw new IllegalArgumentException("--bins names a column twice: " + bins);
    }
  }
}
