package dev.dmtl.contract.labels;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Labels loaded from a file into memory ({@link CsvLabels}, {@link AdienceFolds}), with the rule
 * that turns an input's relative path into the file's key.
 */
public final class LabelTable implements LabelSource {

  private final String description;
  private final Map<String, FaceLabels> byKey;
  private final Function<String, Optional<String>> keyOf;
  private final long unparsable;

  LabelTable(
      String description,
      Map<String, FaceLabels> byKey,
      Function<String, Optional<String>> keyOf,
      long unparsable) {
    this.description = description;
    this.byKey = Map.copyOf(byKey);
    this.keyOf = keyOf;
    this.unparsable = unparsable;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public Optional<FaceLabels> lookup(String relativePath) {
    return keyOf.apply(LabelSource.normalise(relativePath)).map(byKey::get);
  }

  @Override
  public long unparsableValues() {
    return unparsable;
  }

  /** Number of labelled inputs in the file. */
  public int size() {
    return byKey.size();
  }
}
