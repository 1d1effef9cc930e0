package dev.dmtl.audit.attributes;

import dev.dmtl.audit.config.BinRule;
import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.labels.LabelSource;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.AddCellToColumnException;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * An attribute CSV ({@code --attributes FILE.csv}) read and checked with Tablesaw: a header row, a
 * key column ({@code path} — the input's relative path, as labels are joined — or {@code
 * image_sha256}), and one column per attribute. Columns named in {@code --bins} are parsed as
 * numbers, all others kept as text; empty cells and {@code NA}, {@code N/A}, {@code NaN}, {@code
 * null} are missing. Every problem is one {@link AttributeFileException} naming the file and, where
 * there is one, the data row (1-based, not counting the header).
 */
public final class AttributeFile {

  /** What the key column holds. */
  public enum Key {
    /** The input's relative path (as the label join of {@code dmtl infer}). */
    PATH("path"),
    /** The SHA-256 of the input's bytes. */
    IMAGE_SHA256("image_sha256");

    private final String column;

    Key(String column) {
      this.column = column;
    }

    /** The key column's name. */
    public String column() {
      return column;
    }
  }

  /** Characters a cell may hold: an attribute value is a short category, never a document. */
  private static final int MAX_CELL = 1000;

  static final String[] MISSING = {"", "NA", "N/A", "NaN", "null"};
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern RAGGED =
      Pattern.compile("Row number (\\d+) contains (\\d+) columns\\. (\\d+) expected");

  private final Path path;
  private final String sha256;
  private final Key key;
  private final Table table;
  private final List<String> attributes;

  private AttributeFile(Path path, String sha256, Key key, Table table, List<String> attributes) {
    this.path = path;
    this.sha256 = sha256;
    this.key = key;
    this.table = table;
    this.attributes = List.copyOf(attributes);
  }

  /**
   * Reads and checks a file.
   *
   * @param bins the numeric columns and how they become groups; each must be a column of the file
   * @param taskNames the model's tasks: an attribute may not be named like one
   * @throws AttributeFileException when the file is unusable (malformed, ambiguous, no attribute)
   * @throws IllegalArgumentException when {@code bins} names a column the file does not have
   * @throws IOException when it cannot be read
   */
  public static AttributeFile read(Path path, List<BinRule> bins, Collection<String> taskNames)
      throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new AttributeFileException("attribute file not found: " + path, e);
    } catch (IOException e) {
      throw new AttributeFileException(
          path
              + ": cannot read the attribute file ("
              + (Files.isDirectory(path) ? "a folder, not a file" : e.getMessage())
              + ")",
          e);
    }
    String text = decode(path, bytes);
    checkQuotes(path, text);
    checkHeader(path, text);
    Set<String> numeric = bins.stream().map(BinRule::column).collect(Collectors.toSet());
    Table table;
    try {
      table =
          Table.read()
              .csv(
                  CsvReadOptions.builder(new StringReader(text))
                      .header(true)
                      .tableName(path.getFileName().toString())
                      .missingValueIndicator(MISSING)
                      .locale(Locale.ROOT)
                      // a long value is an error of its own (below), not a parser failure
                      .maxCharsPerColumn(100_000)
                      .columnTypes(c -> numeric.contains(c) ? ColumnType.DOUBLE : ColumnType.STRING)
                      .build());
    } catch (AddCellToColumnException e) {
      throw cellProblem(path, e);
    } catch (RuntimeException e) {
      throw structureProblem(path, e);
    }
    if (table.columnCount() == 0) {
      throw new AttributeFileException(path + ": empty file, no header row");
    }
    Key key = key(path, table);
    List<String> attributes = new ArrayList<>();
    for (String c : table.columnNames()) {
      if (!c.equalsIgnoreCase(key.column())) {
        attributes.add(c);
      }
    }
    for (BinRule rule : bins) {
      if (!attributes.contains(rule.column())) {
        throw new IllegalArgumentException(
            "--bins " + rule.spec() + ": " + path + " has no column '" + rule.column() + "'");
      }
    }
    checkNames(path, attributes, taskNames);
    if (attributes.isEmpty()) {
      throw new AttributeFileException(
          path + ": no attribute column besides the key '" + key.column() + "'");
    }
    if (table.rowCount() == 0) {
      throw new AttributeFileException(path + ": a header but no rows");
    }
    checkValues(path, table, attributes);
    StringColumn keys = normaliseKeys(path, table.stringColumn(keyColumn(table, key)), key);
    table.replaceColumn(keyColumn(table, key), keys.setName(key.column()));
    return new AttributeFile(path, ContentHash.sha256Hex(bytes), key, table, attributes);
  }

  /** Strict UTF-8, a byte-order mark tolerated (spreadsheets write one), UTF-16 refused. */
  private static String decode(Path path, byte[] bytes) throws AttributeFileException {
    if (bytes.length >= 2
        && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
            || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
      throw new AttributeFileException(
          path + ": the file is UTF-16; save it as UTF-8 (CSV UTF-8 in a spreadsheet)");
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int at = in.position();
      throw new AttributeFileException(
          path
              + ": not UTF-8 (byte 0x"
              + String.format(Locale.ROOT, "%02x", bytes[at] & 0xff)
              + " at offset "
              + at
              + "); save it as UTF-8");
    }
    decoder.flush(out);
    String text = out.flip().toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * An unclosed quote makes a CSV parser read on into the next rows and join them into one value,
   * silently; find it first and name its line. In RFC 4180 a quote inside a quoted value is written
   * twice, so a quoted value still open at the end of the file was never closed.
   */
  private static void checkQuotes(Path path, String text) throws AttributeFileException {
    boolean quoted = false;
    int line = 1;
    int openedAt = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '"') {
        if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          i++; // an escaped quote inside a quoted value
        } else if (quoted) {
          quoted = false;
        } else if (i == 0 || ",\n\r".indexOf(text.charAt(i - 1)) >= 0) {
          // a quote opens a value only at its start; inside an unquoted value (5'7") it is text
          quoted = true;
          openedAt = line;
        }
      } else if (ch == '\n') {
        line++;
      }
    }
    if (quoted) {
      throw new AttributeFileException(
          path + " line " + openedAt + ": a quote is opened and never closed");
    }
  }

  /**
   * The header row read on its own, with Commons CSV: Tablesaw would name a blank header cell "C1"
   * and make an attribute of it.
   */
  private static void checkHeader(Path path, String text) throws AttributeFileException {
    try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(text))) {
      java.util.Iterator<CSVRecord> records = parser.iterator();
      if (!records.hasNext()) {
        return; // empty: refused below
      }
      CSVRecord header = records.next();
      for (int c = 0; c < header.size(); c++) {
        if (header.get(c).isBlank()) {
          throw new AttributeFileException(
              path + ": column " + (c + 1) + " has no name in the header row");
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new AttributeFileException(path + ": malformed CSV header: " + e.getMessage(), e);
    }
  }

  /**
   * Group names join attribute and value with '=' and groups with ',', so a value with either could
   * not be read back; a line break in a value is almost always a quote closed too late.
   */
  private static void checkValues(Path path, Table table, List<String> attributes)
      throws AttributeFileException {
    for (String a : attributes) {
      if (!(table.column(a) instanceof StringColumn column)) {
        continue;
      }
      for (int i = 0; i < column.size(); i++) {
        String v = column.getString(i);
        if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
          throw new AttributeFileException(
              path
                  + " data row "
                  + (i + 1)
                  + ": the value of column '"
                  + a
                  + "' spans lines (a quote closed too late?)");
        }
        if (v.indexOf(',') >= 0 || v.indexOf('=') >= 0) {
          throw new AttributeFileException(
              path
                  + " data row "
                  + (i + 1)
                  + ": value '"
                  + v
                  + "' of column '"
                  + a
                  + "' contains ',' or '=', which group names use as separators; replace them");
        }
        if (v.length() >= MAX_CELL) {
          throw new AttributeFileException(
              path + " data row " + (i + 1) + ": the value of column '" + a + "' is too long");
        }
      }
    }
  }

  private static AttributeFileException cellProblem(Path path, AddCellToColumnException e) {
    String cause = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    Matcher ragged = RAGGED.matcher(String.valueOf(cause));
    if (ragged.find()) {
      return ragged(path, ragged, e);
    }
    long row = e.getRowNumber();
    String column = e.getColumnName();
    String value = valueIn(cause);
    return new AttributeFileException(
        path
            + " data row "
            + row
            + ": column '"
            + column
            + "' is binned with --bins, but "
            + (value == null ? "a cell" : "'" + value + "'")
            + " is not a number",
        e);
  }

  private static String valueIn(String message) {
    Matcher m = Pattern.compile("For input string: \"(.*)\"").matcher(String.valueOf(message));
    return m.find() ? m.group(1) : null;
  }

  private static AttributeFileException structureProblem(Path path, RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    Matcher ragged = RAGGED.matcher(message);
    if (ragged.find()) {
      return ragged(path, ragged, e);
    }
    Matcher duplicate = Pattern.compile("duplicate name (.+?) to table").matcher(message);
    if (duplicate.find()) {
      return new AttributeFileException(
          path + ": the header names column '" + duplicate.group(1) + "' twice", e);
    }
    String first = message.lines().findFirst().orElse(message);
    return new AttributeFileException(path + ": malformed CSV: " + first, e);
  }

  private static AttributeFileException ragged(Path path, Matcher m, RuntimeException e) {
    return new AttributeFileException(
        path
            + " data row "
            + m.group(1)
            + ": "
            + m.group(2)
            + " cells, the header has "
            + m.group(3)
            + " (quote a value that contains a comma; check for an unclosed quote)",
        e);
  }

  private static Key key(Path path, Table table) throws AttributeFileException {
    boolean byPath = hasColumn(table, Key.PATH.column());
    boolean bySha = hasColumn(table, Key.IMAGE_SHA256.column());
    if (byPath && bySha) {
      throw new AttributeFileException(
          path + ": both 'path' and 'image_sha256' columns; keep the one to join by");
    }
    if (!byPath && !bySha) {
      throw new AttributeFileException(
          path
              + ": the header needs a key column 'path' (the input's relative path) or "
              + "'image_sha256'; it has "
              + table.columnNames());
    }
    return byPath ? Key.PATH : Key.IMAGE_SHA256;
  }

  private static boolean hasColumn(Table table, String name) {
    return table.columnNames().stream().anyMatch(c -> c.equalsIgnoreCase(name));
  }

  private static String keyColumn(Table table, Key key) {
    return table.columnNames().stream()
        .filter(c -> c.equalsIgnoreCase(key.column()))
        .findFirst()
        .orElseThrow();
  }

  private static void checkNames(Path path, List<String> attributes, Collection<String> tasks)
      throws AttributeFileException {
    for (String a : attributes) {
      String name = a.strip();
      if (name.isEmpty()) {
        throw new AttributeFileException(path + ": a column has no name in the header");
      }
      for (String t : tasks) {
        if (t.equalsIgnoreCase(name)) {
          throw new AttributeFileException(
              path
                  + ": column '"
                  + name
                  + "' is named like the model's task; rename it (e.g. "
                  + name
                  + "_reported) so groups by it cannot be mistaken for the model's labels");
        }
      }
      if (name.contains(",") || name.contains("=") || name.equalsIgnoreCase("all")) {
        throw new AttributeFileException(
            path + ": column '" + name + "' cannot name an attribute (no ',' or '=', not 'all')");
      }
    }
  }

  private static StringColumn normaliseKeys(Path path, StringColumn raw, Key key)
      throws AttributeFileException {
    StringColumn out = StringColumn.create(key.column());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < raw.size(); i++) {
      if (raw.isMissing(i) || raw.get(i).isBlank()) {
        throw new AttributeFileException(
            path + " data row " + (i + 1) + ": empty key '" + key.column() + "'");
      }
      String k = raw.get(i).strip();
      if (key == Key.PATH) {
        k = LabelSource.normalise(k);
      } else {
        k = k.toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(k).matches()) {
          throw new AttributeFileException(
              path + " data row " + (i + 1) + ": '" + raw.get(i) + "' is not a SHA-256 (64 hex)");
        }
      }
      Integer first = seen.putIfAbsent(k, i);
      if (first != null) {
        throw new AttributeFileException(
            path
                + " data rows "
                + (first + 1)
                + " and "
                + (i + 1)
                + ": key '"
                + k
                + "' appears twice; every input has one row");
      }
      out.append(k);
    }
    return out;
  }

  public Path path() {
    return path;
  }

  /** SHA-256 of the file's bytes, for provenance. */
  public String sha256() {
    return sha256;
  }

  public Key key() {
    return key;
  }

  /** The attribute columns, in file order. */
  public List<String> attributes() {
    return attributes;
  }

  /** Rows (inputs described). */
  public int rows() {
    return table.rowCount();
  }

  /** The table: the key column (named {@link Key#column()}) and the attribute columns. */
  Table table() {
    return table;
  }
}
