package dev.dmtl.pipeline.output;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * A {@link FileIO.Sink} writing Avro records as Parquet (Snappy, standard 3-level lists) with
 * extra key-value metadata in the footer: the run's provenance travels inside every file. Beam's
 * {@code ParquetIO.sink} has no way to add footer metadata, hence this small sink.
 */
public final class FooterParquetSink implements FileIO.Sink<GenericRecord> {
  private static final long serialVersionUID = 1L;

  private final String schemaJson;
  private final Map<String, String> footer;
  private transient ParquetWriter<GenericRecord> writer;

  public FooterParquetSink(Schema schema, Map<String, String> footer) {
    this.schemaJson = schema.toString();
    this.footer = new HashMap<>(footer);
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    Schema schema = new Schema.Parser().parse(schemaJson);
    Configuration conf = new Configuration(false);
    // 3-level LIST groups: what the Parquet spec, DuckDB and Spark expect for arrays
    conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
    writer = new Builder(new ChannelOutputFile(Channels.newOutputStream(channel)), schema, footer)
        .withConf(conf)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build();
  }

  @Override
  public void write(GenericRecord element) throws IOException {
    writer.write(element);
  }

  @Override
  public void flush() throws IOException {
    // Parquet writes its footer on close; the channel itself is closed by FileIO.
    writer.close();
  }

  private static final class Builder extends ParquetWriter.Builder<GenericRecord, Builder> {
    private final Schema schema;
    private final Map<String, String> footer;

    Builder(OutputFile file, Schema schema, Map<String, String> footer) {
      super(file);
      this.schema = schema;
      this.footer = footer;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<GenericRecord> getWriteSupport(Configuration conf) {
      AvroWriteSupport<GenericRecord> avro =
          new AvroWriteSupport<>(new AvroSchemaConverter(conf).convert(schema), schema, GenericData.get());
      return new WriteSupport<>() {
        @Override
        public WriteContext init(Configuration configuration) {
          WriteContext context = avro.init(configuration);
          Map<String, String> extra = new HashMap<>(context.getExtraMetaData());
          extra.putAll(footer);
          return new WriteContext(context.getSchema(), extra);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
          avro.prepareForWrite(recordConsumer);
        }

        @Override
        public void write(GenericRecord record) {
          avro.write(record);
        }

        @Override
        public FinalizedWriteContext finalizeWrite() {
          return avro.finalizeWrite();
        }

        @Override
        public String getName() {
          return avro.getName();
        }
      };
    }
  }
}
