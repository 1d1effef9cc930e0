package dev.dmtl.parquet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes Avro records as Parquet (Snappy, standard 3-level lists) with extra key-value metadata in
 * the footer, so that a run's provenance travels inside every file it writes. Parquet 1.13's
 * builder has no {@code withExtraMetaData}, hence the write support that adds the entries.
 */
public final class ParquetRowWriter implements AutoCloseable {

  private final ParquetWriter<GenericRecord> writer;

  private ParquetRowWriter(OutputFile out, Schema schema, Map<String, String> footer)
      throws IOException {
    Configuration conf = LocalConfiguration.create();
    // 3-level LIST groups: what the Parquet spec, DuckDB and Spark expect for arrays
    conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
    writer =
        new Builder(out, schema, footer)
            .withConf(conf)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .build();
  }

  /** A writer to a stream its caller owns (and closes); see {@link StreamOutputFile}. */
  public static ParquetRowWriter to(OutputStream out, Schema schema, Map<String, String> footer)
      throws IOException {
    return new ParquetRowWriter(new StreamOutputFile(out), schema, footer);
  }

  /** A writer to a local file, replacing it. */
  public static ParquetRowWriter to(Path file, Schema schema, Map<String, String> footer)
      throws IOException {
    Files.deleteIfExists(file);
    OutputFile out =
        HadoopOutputFile.fromPath(
            new org.apache.hadoop.fs.Path(file.toAbsolutePath().toUri()),
            LocalConfiguration.create());
    return new ParquetRowWriter(out, schema, footer);
  }

  public void write(GenericRecord record) throws IOException {
    writer.write(record);
  }

  /**
   * Writes the footer. The underlying stream of {@link #to(OutputStream, Schema, Map)} stays open.
   */
  @Override
  public void close() throws IOException {
    writer.close();
  }

  private static final class Builder extends ParquetWriter.Builder<GenericRecord, Builder> {
    private final Schema schema;
    private final Map<String, String> footer;

    Builder(OutputFile out, Schema schema, Map<String, String> footer) {
      super(out);
      this.schema = schema;
      this.footer = Map.copyOf(footer);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<GenericRecord> getWriteSupport(Configuration conf) {
      return new FooterWriteSupport(
          new AvroWriteSupport<>(
              new AvroSchemaConverter(conf).convert(schema), schema, GenericData.get()),
          footer);
    }
  }

  /** Avro's write support with the footer entries added to its write context. */
  private static final class FooterWriteSupport extends WriteSupport<GenericRecord> {
    private final AvroWriteSupport<GenericRecord> delegate;
    private final Map<String, String> footer;

    FooterWriteSupport(AvroWriteSupport<GenericRecord> delegate, Map<String, String> footer) {
      this.delegate = delegate;
      this.footer = footer;
    }

    @Override
    public WriteContext init(Configuration configuration) {
      WriteContext context = delegate.init(configuration);
      Map<String, String> extra = new HashMap<>(context.getExtraMetaData());
      extra.putAll(footer);
      return new WriteContext(context.getSchema(), extra);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      delegate.prepareForWrite(recordConsumer);
    }

    @Override
    public void write(GenericRecord record) {
      delegate.write(record);
    }

    @Override
    public FinalizedWriteContext finalizeWrite() {
      return delegate.finalizeWrite();
    }

    @Override
    public String getName() {
      return delegate.getName();
    }
  }
}
