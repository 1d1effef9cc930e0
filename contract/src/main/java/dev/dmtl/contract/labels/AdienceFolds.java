package dev.dmtl.contract.labels;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Adience fold files ({@code fold_0_data.txt} … {@code fold_4_data.txt}): tab-separated, header
 * {@code user_id original_image face_id age gender …}. Ages are ranges such as {@code (25, 32)} (a
 * few are single numbers); gender is {@code m}, {@code f}, or {@code u}/empty for unknown; there is
 * no race. Faces are matched by their Adience file name, {@code
 * <user_id>/landmark_aligned_face.<face_id>.<original_image>} (or {@code
 * coarse_tilt_aligned_face.…}), wherever that sits below the input root.
 */
public final class AdienceFolds {

  private static final Pattern FILE =
      Pattern.compile("^(?:landmark_aligned_face|coarse_tilt_aligned_face)\\.(\\d+)\\.(.+)$");

  private AdienceFolds() {}

  /** A fold file to parse, with its name for messages. */
  public record Fold(String name, Reader reader) {}

  /**
   * Parses one or more fold files into one table.
   *
   * @throws IllegalArgumentException when a file lacks the Adience header columns, or, naming the
   *     file and line, when a row is malformed or too short to hold them
   */
  public static LabelTable parse(List<Fold> folds) throws IOException {
    Map<String, FaceLabels> labels = new HashMap<>();
    long unparsable = 0;
    CSVFormat format =
        CSVFormat.TDF
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setTrim(true)
            .setIgnoreEmptyLines(true)
            .build();
    StringBuilder names = new StringBuilder();
    for (Fold fold : folds) {
      names.append(names.length() == 0 ? "" : ",").append(fold.name());
      try (CSVParser parser = CSVParser.parse(fold.reader(), format)) {
        for (String required : List.of("user_id", "original_image", "face_id", "age", "gender")) {
          if (!parser.getHeaderMap().containsKey(required)) {
            throw new IllegalArgumentException(
                fold.name()
                    + ": not an Adience fold file (no '"
                    + required
                    + "' column; header "
                    + parser.getHeaderNames()
                    + ")");
          }
        }
        for (CSVRecord r : CsvLabels.rows(parser, fold.name())) {
          for (String required : List.of("user_id", "original_image", "face_id", "age", "gender")) {
            if (!r.isMapped(required) || !r.isSet(required)) {
              throw new IllegalArgumentException(
                  fold.name()
                      + " line "
                      + parser.getCurrentLineNumber()
                      + ": "
                      + r.size()
                      + " cells, no '"
                      + required
                      + "' (a row must reach the header's '"
                      + required
                      + "' column)");
            }
          }
          String key = key(r.get("user_id"), r.get("face_id"), r.get("original_image"));
          Integer ageMin = null;
          Integer ageMax = null;
          String age = r.get("age");
          if (!age.isEmpty() && !age.equalsIgnoreCase("None")) {
            Optional<int[]> bounds = AgeLabel.parse(age);
            if (bounds.isPresent()) {
              ageMin = bounds.get()[0];
              ageMax = bounds.get()[1];
            } else {
              unparsable++;
            }
          }
          String gender =
              switch (r.get("gender")) {
                case "m" -> "male";
                case "f" -> "female";
                case "", "u" -> null; // Adience's own "unknown"
                default -> {
                  unparsable++;
                  yield null;
                }
              };
          labels.put(key, new FaceLabels(ageMin, ageMax, gender, null));
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    return new LabelTable("adience:" + names, labels, AdienceFolds::keyOf, unparsable);
  }

  private static String key(String userId, String faceId, String originalImage) {
    return userId + "/" + faceId + "/" + originalImage;
  }

  /** {@code …/<user_id>/landmark_aligned_face.<face_id>.<original_image>} → the fold file key. */
  static Optional<String> keyOf(String relativePath) {
    String[] parts = relativePath.split("/");
    if (parts.length < 2) {
      return Optional.empty();
    }
    Matcher m = FILE.matcher(parts[parts.length - 1]);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(key(parts[parts.length - 2], m.group(1), m.group(2)));
  }
}
