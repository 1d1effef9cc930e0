package dev.dmtl.pipeline.output;

import dev.dmtl.parquet.ParquetRowWriter;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;

/**
 * A {@link FileIO.Sink} writing Avro records as Parquet with the run's provenance in the footer,
 * through the project's one {@link ParquetRowWriter}. Beam's {@code ParquetIO.sink} has no way to
 * add footer metadata, hence this small sink.
 */
public final class FooterParquetSink implements FileIO.Sink<GenericRecord> {
  private static final long serialVersionUID = 1L;

  private final String schemaJson;
  private final HashMap<String, String> footer;
  private transient ParquetRowWriter writer;

  public FooterParquetSink(Schema schema, Map<String, String> footer) {
    this.schemaJson = schema.toString();
    this.footer = new HashMap<>(footer);
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    writer =
        ParquetRowWriter.to(
            Channels.newOutputStream(channel), new Schema.Parser().parse(schemaJson), footer);
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
}
