package dev.dmtl.contract.labels;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code --labels FILE.csv}: a CSV with a header row. The key column is {@code path} (or {@code
 * entry}), matched against the input's relative path; optional columns {@code age} ({@code 35} or a
 * range {@code 25-32}), {@code gender}, {@code race} (label names as the model spells them,
 * compared lower-case). Empty cells are unknown; unparsable ages are unknown and counted. A row may
 * leave trailing cells out (unknown), but a row with more cells than the header is an error: an
 * unquoted comma in a path shifts every later cell, and the labels would silently be wrong.
 */
public final class CsvLabels {

  public static final String PATH = "path";
  public static final String ENTRY = "entry";
  public static final String AGE = "age";
  public static final String GENDER = "gender";
  public static final String RACE = "race";

  private CsvLabels() {}

  /**
   * Parses a label CSV.
   *
   * @param name the file name, for messages
   * @throws IllegalArgumentException naming the file and line, when the header has no key column, a
   *     key is empty or appears twice, a row has more cells than the header, or the CSV is
   *     malformed (an unclosed quote)
   */
  public static LabelTable parse(Reader reader, String name) throws IOException {
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setTrim(true)
            .setIgnoreEmptyLines(true)
            .build();
    Map<String, FaceLabels> labels = new HashMap<>();
    long unparsable = 0;
    try (CSVParser parser = CSVParser.parse(reader, format)) {
      List<String> header =
          parser.getHeaderNames().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
      Map<String, Integer> column = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        column.putIfAbsent(header.get(i), i);
      }
      Integer key = column.containsKey(PATH) ? column.get(PATH) : column.get(ENTRY);
      if (key == null) {
        throw new IllegalArgumentException(
            name
                + ": the header needs a '"
                + PATH
                + "' or '"
                + ENTRY
                + "' column, it has "
                + parser.getHeaderNames());
      }
      for (CSVRecord record : rows(parser, name)) {
        if (record.size() > header.size()) {
          throw new IllegalArgumentException(
              name
                  + " line "
                  + record.getParser().getCurrentLineNumber()
                  + ": "
                  + record.size()
                  + " cells, the header has "
                  + header.size()
                  + " (a comma in a path must be quoted)");
        }
        String path = LabelSource.normalise(cell(record, key));
        if (path.isEmpty()) {
          throw new IllegalArgumentException(
              name
                  + " line "
                  + record.getParser().getCurrentLineNumber()
                  + ": empty "
                  + header.get(key));
        }
        Integer ageMin = null;
        Integer ageMax = null;
        String age = cell(record, column.get(AGE));
        if (!age.isEmpty()) {
          Optional<int[]> bounds = AgeLabel.parse(age);
          if (bounds.isPresent()) {
            ageMin = bounds.get()[0];
            ageMax = bounds.get()[1];
          } else {
            unparsable++;
          }
        }
        FaceLabels face =
            new FaceLabels(
                ageMin,
                ageMax,
                label(cell(record, column.get(GENDER))),
                label(cell(record, column.get(RACE))));
        if (labels.put(path, face) != null) {
          throw new IllegalArgumentException(
              name
                  + " line "
                  + record.getParser().getCurrentLineNumber()
                  + ": '"
                  + path
                  + "' is labelled twice");
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new LabelTable("csv:" + name, labels, Optional::of, unparsable);
  }

  /**
   * The records, with a malformed one (commons-csv reports an unclosed quote as an unchecked {@code
   * CSVException}) turned into an error naming the file and line.
   */
  static Iterable<CSVRecord> rows(CSVParser parser, String name) {
    return () ->
        new Iterator<>() {
          private final Iterator<CSVRecord> records = parser.iterator();

          @Override
          public boolean hasNext() {
            try {
              return records.hasNext();
            } catch (UncheckedIOException e) {
              if (e.getCause() instanceof CSVException malformed) {
                throw new IllegalArgumentException(
                    name
                        + " line "
                        + parser.getCurrentLineNumber()
                        + ": malformed CSV: "
                        + malformed.getMessage(),
                    malformed);
              }
              throw e;
            }
          }

          @Override
          public CSVRecord next() {
            // a malformed record surfaces in hasNext(), with the file and line named
            if (!hasNext()) {
              throw new java.util.NoSuchElementException(name + ": no more rows");
            }
            return records.next();
          }
        };
  }

  private static String cell(CSVRecord record, Integer column) {
    if (column == null || column >= record.size()) {
      return "";
    }
    return record.get(column).trim();
  }

  private static String label(String value) {
    return value.isEmpty() ? null : value.toLowerCase(Locale.ROOT);
  }
}
