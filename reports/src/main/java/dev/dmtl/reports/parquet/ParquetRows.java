package dev.dmtl.reports.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Reads the rows of one Parquet file written by {@code dmtl infer}, restricted to the columns a
 * report needs (a projection: the wide probability lists are never decoded). Columns the file
 * does not have are left out of the projection, and read as null.
 */
public final class ParquetRows {

  /** Key under which parquet-avro stores the writer's Avro schema. */
  private static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";

  private ParquetRows() {}

  /**
   * Streams the rows of {@code file}, each as a record holding those of {@code columns} the file
   * has (read them with {@link GenericRecord#hasField} / {@link GenericRecord#get(String)}).
   *
   * @return the columns of {@code columns} the file has
   * @throws IOException when the file cannot be read, with the file named
   */
  public static List<String> read(Path file, List<String> columns, Consumer<GenericRecord> sink) throws IOException {
    return read(file, columns, List.of(), sink);
  }

  /**
   * As {@link #read(Path, List, Consumer)}, failing before any row is read when the file lacks
   * one of the {@code required} columns.
   *
   * @throws MissingColumnException when a required column is missing
   */
  public static List<String> read(Path file, List<String> columns, List<String> required, Consumer<GenericRecord> sink)
      throws IOException {
    Configuration conf = new Configuration(false);
    // local files only; the default file system would also look for core-site.xml on the classpath
    conf.set("fs.file.impl", org.apache.hadoop.fs.LocalFileSystem.class.getName());
    org.apache.hadoop.fs.Path hadoopPath = new org.apache.hadoop.fs.Path(file.toAbsolutePath().toUri());
    Schema projection;
    try (ParquetFileReader footer = ParquetFileReader.open(HadoopInputFile.fromPath(hadoopPath, conf))) {
      MessageType schema = footer.getFooter().getFileMetaData().getSchema();
      String avro = footer.getFooter().getFileMetaData().getKeyValueMetaData().get(AVRO_SCHEMA_KEY);
      Schema full = avro != null ? new Schema.Parser().parse(avro) : new AvroSchemaConverter(conf).convert(schema);
      List<Schema.Field> fields = new ArrayList<>();
      for (String name : columns) {
        Schema.Field f = full.getField(name);
        if (f != null) {
          fields.add(new Schema.Field(f.name(), f.schema(), f.doc(), f.defaultVal()));
        }
      }
      projection = Schema.createRecord(full.getName(), full.getDoc(), full.getNamespace(), false, fields);
      for (String r : required) {
        if (full.getField(r) == null) {
          throw new MissingColumnException(file + " has no column " + r);
        }
      }
    } catch (MissingColumnException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot read the Parquet footer of " + file + ": " + e.getMessage(), e);
    }
    Configuration c = new Configuration(conf);
    AvroReadSupport.setRequestedProjection(c, projection);
    AvroReadSupport.setAvroReadSchema(c, projection);
    InputFile in = HadoopInputFile.fromPath(hadoopPath, c);
    try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(in).withConf(c).build()) {
      GenericRecord r;
      while ((r = reader.read()) != null) {
        sink.accept(r);
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot read the rows of " + file + ": " + e.getMessage(), e);
    }
    return projection.getFields().stream().map(Schema.Field::name).toList();
  }

  /** A required column is missing: the file is not what the caller expected. */
  public static final class MissingColumnException extends IOException {
    private static final long serialVersionUID = 1L;

    MissingColumnException(String message) {
      super(message);
    }
  }

  /** A column's value as text, or null when absent or null. */
  public static String text(GenericRecord r, String column) {
    if (!r.hasField(column)) {
      return null;
    }
    Object v = r.get(column);
    return v == null ? null : v.toString();
  }

  /** A numeric column's value, NaN when absent, null or not a number. */
  public static double number(GenericRecord r, String column) {
    if (!r.hasField(column)) {
      return Double.NaN;
    }
    Object v = r.get(column);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
