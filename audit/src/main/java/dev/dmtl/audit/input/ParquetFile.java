package dev.dmtl.audit.input;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * One Parquet file read with parquet-avro: its footer (schema, key-value metadata, row count) and
 * its rows restricted to the columns the audit needs (a projection, so the wide probability
 * lists are never decoded).
 */
final class ParquetFile {

  /** Key under which parquet-avro stores the writer's Avro schema. */
  private static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";

  private final Path path;
  private final Configuration conf;
  private final MessageType schema;
  private final Map<String, String> keyValue;
  private final long rows;

  private ParquetFile(Path path, Configuration conf, MessageType schema, Map<String, String> keyValue, long rows) {
    this.path = path;
    this.conf = conf;
    this.schema = schema;
    this.keyValue = keyValue;
    this.rows = rows;
  }

  /** Opens the footer. */
  static ParquetFile open(Path path) throws IOException {
    Configuration conf = new Configuration(false);
    // local files only; the default FileSystem would also look at core-site.xml and the classpath
    conf.set("fs.file.impl", org.apache.hadoop.fs.LocalFileSystem.class.getName());
    InputFile in = HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(path.toAbsolutePath().toUri()), conf);
    try (ParquetFileReader reader = ParquetFileReader.open(in)) {
      FileMetaData meta = reader.getFooter().getFileMetaData();
      return new ParquetFile(path, conf, meta.getSchema(), meta.getKeyValueMetaData(), reader.getRecordCount());
    } catch (RuntimeException e) {
      throw new IOException("cannot read the Parquet footer of " + path + ": " + e.getMessage(), e);
    }
  }

  Path path() {
    return path;
  }

  long rows() {
    return rows;
  }

  String footer(String key) {
    return keyValue.get(key);
  }

  boolean hasColumn(String name) {
    return schema.containsField(name);
  }

  /** The physical type of a top-level primitive column, or null when absent or not primitive. */
  PrimitiveType.PrimitiveTypeName primitiveType(String name) {
    if (!schema.containsField(name)) {
      return null;
    }
    Type t = schema.getType(name);
    return t.isPrimitive() ? t.asPrimitiveType().getPrimitiveTypeName() : null;
  }

  List<String> columnNames() {
    return schema.getFields().stream().map(Type::getName).toList();
  }

  /** Streams the rows, each as a record of the {@code projection} schema (read by field position). */
  void read(Schema projection, Consumer<GenericRecord> sink) throws IOException {
    Configuration c = new Configuration(conf);
    AvroReadSupport.setRequestedProjection(c, projection);
    // without a read schema, records would use the writer's full Avro schema and field positions
    // would not be those of the projection
    AvroReadSupport.setAvroReadSchema(c, projection);
    InputFile in = HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(path.toAbsolutePath().toUri()), c);
    try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(in).withConf(c).build()) {
      GenericRecord r;
      while ((r = reader.read()) != null) {
        sink.accept(r);
      }
    } catch (RuntimeException e) {
      throw new IOException("cannot read rows of " + path + ": " + e.getMessage(), e);
    }
  }

  /** An Avro record schema with only the named columns the file has, in the given order. */
  Schema projection(List<String> columns) {
    Schema full;
    String avro = keyValue.get(AVRO_SCHEMA_KEY);
    full = avro != null ? new Schema.Parser().parse(avro) : new AvroSchemaConverter(conf).convert(schema);
    List<Schema.Field> fields = new ArrayList<>();
    for (String name : columns) {
      Schema.Field f = full.getField(name);
      if (f != null) {
        fields.add(new Schema.Field(f.name(), f.schema(), f.doc(), f.defaultVal()));
      }
    }
    return Schema.createRecord(full.getName(), full.getDoc(), full.getNamespace(), false, fields);
  }
}
