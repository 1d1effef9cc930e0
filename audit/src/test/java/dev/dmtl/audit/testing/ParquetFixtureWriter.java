package dev.dmtl.audit.testing;

import java.io.IOException;
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
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes Avro records to a Parquet file with parquet-avro, adding key-value footer metadata
 * (Parquet 1.13's builder has no {@code withExtraMetaData}, so a write support wraps Avro's and
 * adds the entries to its write context).
 */
public final class ParquetFixtureWriter implements AutoCloseable {

  private final ParquetWriter<GenericRecord> writer;

  public ParquetFixtureWriter(Path file, Schema schema, Map<String, String> footer) throws IOException {
    Files.deleteIfExists(file);
    Configuration conf = new Configuration(false);
    OutputFile out = HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toAbsolutePath().toUri()), conf);
    writer = new Builder(out, schema, footer).withConf(conf).withCompressionCodec(CompressionCodecName.SNAPPY).build();
  }

  public void write(GenericRecord r) throws IOException {
    writer.write(r);
  }

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
      this.footer = footer;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<GenericRecord> getWriteSupport(Configuration conf) {
      AvroWriteSupport<GenericRecord> avro = new AvroWriteSupport<>(new AvroSchemaConverter(conf).convert(schema), schema,
          GenericData.get());
      return new FooterWriteSupport(avro, footer);
    }
  }

  private static final class FooterWriteSupport extends WriteSupport<GenericRecord> {
    private final AvroWriteSupport<GenericRecord> delegate;
    private final Map<String, String> footer;

    FooterWriteSupport(AvroWriteSupport<GenericRecord> delegate, Map<String, String> footer) {
      this.delegate = delegate;
      this.footer = footer;
    }

    @Override
    public WriteContext init(Configuration configuration) {
      WriteContext ctx = delegate.init(configuration);
      Map<String, String> extra = new HashMap<>(ctx.getExtraMetaData());
      extra.putAll(footer);
      return new WriteContext(ctx.getSchema(), extra);
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
    public String getName() {
      return delegate.getName();
    }
  }
}
