package dev.dmtl.parquet;

import dev.dmtl.contract.run.RunProvenance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * One Parquet file opened for reading: its footer (schema, key-value metadata, row count, the run's
 * provenance) at once, and its rows on request, restricted to the columns the caller needs (a
 * projection: the wide probability lists are never decoded unless asked for).
 */
public final class ParquetFile {

  /** Key under which parquet-avro stores the writer's Avro schema. */
  private static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";

  private final Path path;
  private final Configuration conf;
  private final MessageType schema;
  private final Map<String, String> keyValue;
  private final long rows;

  private ParquetFile(
      Path path, Configuration conf, MessageType schema, Map<String, String> keyValue, long rows) {
    this.path = path;
    this.conf = conf;
    this.schema = schema;
    this.keyValue = Collections.unmodifiableMap(keyValue);
    this.rows = rows;
  }

  /**
   * Opens the footer.
   *
   * @throws IOException when the file cannot be read or is not Parquet, naming the file
   */
  public static ParquetFile open(Path path) throws IOException {
    Configuration conf = LocalConfiguration.create();
    InputFile in = HadoopInputFile.fromPath(hadoopPath(path), conf);
    try (ParquetFileReader reader = ParquetFileReader.open(in)) {
      FileMetaData meta = reader.getFooter().getFileMetaData();
      return new ParquetFile(
          path, conf, meta.getSchema(), meta.getKeyValueMetaData(), reader.getRecordCount());
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot read the Parquet footer of " + path + ": " + e.getMessage(), e);
    }
  }

  public Path path() {
    return path;
  }

  /** Rows in the file, from the footer. */
  public long rows() {
    return rows;
  }

  /** A key-value footer entry, or null. */
  public String footer(String key) {
    return keyValue.get(key);
  }

  /**
   * The run's provenance from the {@value RunProvenance#FOOTER_KEY} footer entry; empty when the
   * file has none (written by another tool).
   *
   * @throws IllegalArgumentException when the entry is there but is not a run provenance this tool
   *     reads
   */
  public Optional<RunProvenance> runProvenance() {
    String json = keyValue.get(RunProvenance.FOOTER_KEY);
    return json == null
        ? Optional.empty()
        : Optional.of(RunProvenance.fromFooter(json, path.toString()));
  }

  public boolean hasColumn(String name) {
    return schema.containsField(name);
  }

  /** The physical type of a top-level primitive column, or null when absent or not primitive. */
  public PrimitiveType.PrimitiveTypeName primitiveType(String name) {
    if (!schema.containsField(name)) {
      return null;
    }
    Type t = schema.getType(name);
    return t.isPrimitive() ? t.asPrimitiveType().getPrimitiveTypeName() : null;
  }

  /** The top-level column names, in file order. */
  public List<String> columnNames() {
    return schema.getFields().stream().map(Type::getName).toList();
  }

  /**
   * An Avro record schema with those of {@code columns} the file has, in the given order: columns
   * it lacks are left out (a reader treats them as null).
   */
  public Schema projection(List<String> columns) {
    String avro = keyValue.get(AVRO_SCHEMA_KEY);
    Schema full =
        avro != null
            ? new Schema.Parser().parse(avro)
            : new AvroSchemaConverter(conf).convert(schema);
    List<Schema.Field> fields = new ArrayList<>();
    for (String name : columns) {
      Schema.Field f = full.getField(name);
      if (f != null) {
        fields.add(new Schema.Field(f.name(), f.schema(), f.doc(), f.defaultVal()));
      }
    }
    return Schema.createRecord(full.getName(), full.getDoc(), full.getNamespace(), false, fields);
  }

  /**
   * Fails unless the file has every one of {@code columns}.
   *
   * @throws MissingColumnException naming the file and the first missing column
   */
  public void require(List<String> columns) throws MissingColumnException {
    for (String c : columns) {
      if (!hasColumn(c)) {
        throw new MissingColumnException(path + " has no column " + c);
      }
    }
  }

  /**
   * Streams the rows, each as a record of the {@code projection} schema (readable by field
   * position).
   */
  public void read(Schema projection, Consumer<GenericRecord> sink) throws IOException {
    Configuration c = new Configuration(conf);
    AvroReadSupport.setRequestedProjection(c, projection);
    // without a read schema, records would use the writer's full Avro schema and field positions
    // would not be those of the projection
    AvroReadSupport.setAvroReadSchema(c, projection);
    // The projection is converted to Parquet with this setting; a list layout other than the
    // file's matches no column, and the list reads as null (or fails) without an error of its own.
    c.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, !threeLevelLists());
    InputFile in = HadoopInputFile.fromPath(hadoopPath(path), c);
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(in).withConf(c).build()) {
      GenericRecord r;
      while ((r = reader.read()) != null) {
        sink.accept(r);
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot read the rows of " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether the file's lists use the three-level layout (a repeated group {@code list} around the
   * element), as dmtl and most current writers write them, rather than Avro's old two-level one.
   */
  private boolean threeLevelLists() {
    for (Type t : schema.getFields()) {
      if (!t.isPrimitive()
          && t.getLogicalTypeAnnotation()
              instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
        GroupType list = t.asGroupType();
        return list.getFieldCount() == 1
            && !list.getType(0).isPrimitive()
            && list.getType(0).getName().equals("list");
      }
    }
    return true;
  }

  /** Receives one row's numeric lists from {@link #readFloatLists}. */
  @FunctionalInterface
  public interface FloatListRows {
    /**
     * @param row the row's index in the file
     * @param values per requested column a buffer holding the row's list in its first {@code
     *     lengths[c]} places (reused for the next row: copy what you keep); null elements are NaN
     * @param lengths per requested column the list's length, or -1 when the list is null or the
     *     file has no such column
     */
    void row(long row, float[][] values, int[] lengths);
  }

  /**
   * Streams the numeric list columns {@code columns} (float or double elements) row by row, without
   * building a record or boxing an element: the fast path for wide probability vectors. Columns the
   * file lacks read as null lists.
   *
   * @throws IOException naming the file, also when a column is not a list of numbers
   */
  public void readFloatLists(List<String> columns, FloatListRows sink) throws IOException {
    readFloatLists(columns, -1, sink);
  }

  /** Row groups in the file (units that can be read on their own, also at the same time). */
  public int rowGroups() throws IOException {
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(hadoopPath(path), conf))) {
      return reader.getRowGroups().size();
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot read the Parquet footer of " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * As {@link #readFloatLists(List, FloatListRows)} for row group {@code rowGroup} only (every row
   * group when negative), rows still numbered from the start of the file. Calls for different row
   * groups may run at the same time, each with its own buffers.
   */
  public void readFloatLists(List<String> columns, int rowGroup, FloatListRows sink)
      throws IOException {
    if (columns.stream().noneMatch(this::hasColumn)) {
      if (rowGroup > 0) {
        return; // the rows were all given with row group 0
      }
      float[][] values = new float[columns.size()][0];
      int[] lengths = new int[columns.size()];
      Arrays.fill(lengths, -1);
      for (long row = 0; row < rows; row++) {
        sink.row(row, values, lengths);
      }
      return;
    }
    FloatListReader.read(
        HadoopInputFile.fromPath(hadoopPath(path), conf),
        schema,
        columns,
        rowGroup,
        sink,
        path.toString());
  }

  /** As {@link #read(Schema, Consumer)} with the projection of {@code columns}. */
  public void read(List<String> columns, Consumer<GenericRecord> sink) throws IOException {
    read(projection(columns), sink);
  }

  /** A column's value as text, or null when the record lacks the column or the value is null. */
  public static String text(GenericRecord r, String column) {
    if (!r.hasField(column)) {
      return null;
    }
    Object v = r.get(column);
    return v == null ? null : v.toString();
  }

  /**
   * A numeric column's value; NaN when the record lacks the column, or the value is null or not a
   * number.
   */
  public static double number(GenericRecord r, String column) {
    if (!r.hasField(column)) {
      return Double.NaN;
    }
    return r.get(column) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static org.apache.hadoop.fs.Path hadoopPath(Path path) {
    return new org.apache.hadoop.fs.Path(path.toAbsolutePath().toUri());
  }

  /** A required column is missing: the file is not what the caller expected. */
  public static final class MissingColumnException extends IOException {
    private static final long serialVersionUID = 1L;

    MissingColumnException(String message) {
      super(message);
    }
  }
}
