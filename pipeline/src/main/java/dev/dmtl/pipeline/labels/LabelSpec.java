package dev.dmtl.pipeline.labels;

import dev.dmtl.contract.labels.AdienceFolds;
import dev.dmtl.contract.labels.CsvLabels;
import dev.dmtl.contract.labels.LabelSource;
import dev.dmtl.contract.labels.UtkFaceLabels;
import dev.dmtl.pipeline.InvalidRunException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;

/**
 * The {@code --labels} option, parsed: {@code utkface}, a {@code .csv} file, or Adience fold files
 * ({@code fold_0_data.txt,fold_1_data.txt,…}). Serializable so workers can load the same labels;
 * files are read through Beam's {@link FileSystems}, once per JVM.
 *
 * @param format the label format
 * @param files the label files (empty for {@code utkface})
 */
public record LabelSpec(Format format, List<String> files) implements Serializable {

  /** The label formats. */
  public enum Format {
    UTKFACE,
    CSV,
    ADIENCE
  }

  private static final Pattern ADIENCE_FILE = Pattern.compile("(?i).*fold_\\d+_data\\.txt$");
  private static final Map<LabelSpec, LabelSource> LOADED = new ConcurrentHashMap<>();

  public LabelSpec {
    Objects.requireNonNull(format, "format");
    files = List.copyOf(files);
  }

  /**
   * Parses the option value.
   *
   * @throws InvalidRunException when it is none of the three forms
   */
  public static LabelSpec parse(String value) throws InvalidRunException {
    String v = value.trim();
    if (v.equalsIgnoreCase("utkface")) {
      return new LabelSpec(Format.UTKFACE, List.of());
    }
    // local paths become absolute so that every worker of this JVM reads the same file
    List<String> files =
        Arrays.stream(v.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(
                f ->
                    f.contains("://")
                        ? f
                        : java.nio.file.Paths.get(f).toAbsolutePath().normalize().toString())
            .toList();
    if (files.size() == 1 && files.get(0).toLowerCase(Locale.ROOT).endsWith(".csv")) {
      return new LabelSpec(Format.CSV, files);
    }
    if (!files.isEmpty() && files.stream().allMatch(f -> ADIENCE_FILE.matcher(f).matches())) {
      return new LabelSpec(Format.ADIENCE, files);
    }
    throw new InvalidRunException(
        "--labels "
            + value
            + ": expected 'utkface', one .csv file, or Adience fold files "
            + "(fold_N_data.txt, comma-separated)");
  }

  /**
   * The loaded labels, read at most once per JVM.
   *
   * @throws InvalidRunException when a file is missing or does not parse
   */
  public LabelSource load() throws InvalidRunException {
    LabelSource loaded = LOADED.get(this);
    if (loaded != null) {
      return loaded;
    }
    synchronized (LOADED) {
      loaded = LOADED.get(this);
      if (loaded == null) {
        loaded = read();
        LOADED.put(this, loaded);
      }
      return loaded;
    }
  }

  private LabelSource read() throws InvalidRunException {
    try {
      switch (format) {
        case UTKFACE:
          return UtkFaceLabels.INSTANCE;
        case CSV:
          try (Reader reader = open(files.get(0))) {
            return CsvLabels.parse(reader, files.get(0));
          }
        case ADIENCE:
          List<Reader> readers = new ArrayList<>();
          try {
            List<AdienceFolds.Fold> folds = new ArrayList<>();
            for (String file : files) {
              Reader r = open(file);
              readers.add(r);
              folds.add(new AdienceFolds.Fold(file, r));
            }
            return AdienceFolds.parse(folds);
          } finally {
            for (Reader r : readers) {
              r.close();
            }
          }
        default:
          throw new AssertionError(format);
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidRunException("--labels: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new InvalidRunException(
          "--labels: cannot read " + String.join(",", files) + ": " + e.getMessage(), e);
    }
  }

  private static Reader open(String file) throws IOException {
    return new InputStreamReader(
        Channels.newInputStream(
            FileSystems.open(FileSystems.matchSingleFileSpec(file).resourceId())),
        StandardCharsets.UTF_8);
  }
}
