package dev.dmtl.pipeline.output;

import dev.dmtl.parquet.StreamOutputFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;

/**
 * Joins the Parquet files that parallel writers produced into the one file a run publishes. The row
 * groups are copied as they are (no decoding, no re-compression), so the cost is one sequential
 * copy of the bytes; the footer's key-value metadata (provenance, Avro schema) comes from the first
 * file, and every file must have the same Parquet schema.
 */
final class ParquetShards {

  private ParquetShards() {}

  /**
   * Writes the rows of {@code shards}, in the given order, to {@code target}.
   *
   * @throws IOException when a shard cannot be read, the schemas differ, or the target cannot be
   *     written
   */
  static void merge(List<MatchResult.Metadata> shards, ResourceId target) throws IOException {
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("no Parquet files to merge into " + target);
    }
    FileMetaData first = footer(shards.get(0));
    MessageType schema = first.getSchema();
    try (OutputStream out =
        Channels.newOutputStream(FileSystems.create(target, MimeTypes.BINARY))) {
      ParquetFileWriter writer =
          new ParquetFileWriter(
              new StreamOutputFile(out),
              schema,
              ParquetFileWriter.Mode.CREATE,
              ParquetWriter.DEFAULT_BLOCK_SIZE,
              0,
              ParquetProperties.DEFAULT_COLUMN_INDEX_TRUNCATE_LENGTH,
              ParquetProperties.DEFAULT_STATISTICS_TRUNCATE_LENGTH,
              ParquetProperties.DEFAULT_PAGE_WRITE_CHECKSUM_ENABLED);
      writer.start();
      for (MatchResult.Metadata shard : shards) {
        try (ParquetFileReader reader = open(shard)) {
          MessageType own = reader.getFooter().getFileMetaData().getSchema();
          if (!own.equals(schema)) {
            throw new IOException(
                "cannot merge "
                    + shard.resourceId()
                    + " into "
                    + target
                    + ": its Parquet schema differs from "
                    + shards.get(0).resourceId()
                    + "'s");
          }
          reader.appendTo(writer);
        }
      }
      writer.end(Map.copyOf(first.getKeyValueMetaData()));
    }
  }

  /**
   * The number of rows in a Parquet file, from its footer.
   *
   * @throws IOException when the file cannot be read as Parquet
   */
  static long rows(ResourceId file) throws IOException {
    try (ParquetFileReader reader = open(FileSystems.matchSingleFileSpec(file.toString()))) {
      return reader.getRecordCount();
    }
  }

  private static FileMetaData footer(MatchResult.Metadata file) throws IOException {
    try (ParquetFileReader reader = open(file)) {
      return reader.getFooter().getFileMetaData();
    }
  }

  /**
   * Opens a file's footer; Parquet reports a file that is not Parquet with a RuntimeException, made
   * an IOException here.
   */
  private static ParquetFileReader open(MatchResult.Metadata file) throws IOException {
    try {
      return ParquetFileReader.open(new BeamInputFile(file));
    } catch (RuntimeException e) {
      throw new IOException(
          file.resourceId() + " is not a readable Parquet file: " + e.getMessage(), e);
    }
  }

  /**
   * Parquet's input abstraction over a file that Beam's {@code FileSystems} opens as a seekable
   * channel.
   */
  private static final class BeamInputFile implements InputFile {
    private final MatchResult.Metadata file;

    BeamInputFile(MatchResult.Metadata file) {
      this.file = file;
    }

    @Override
    public String toString() {
      return file.resourceId().toString();
    }

    @Override
    public long getLength() {
      return file.sizeBytes();
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
      ReadableByteChannel opened = FileSystems.open(file.resourceId());
      if (!(opened instanceof SeekableByteChannel channel)) {
        opened.close();
        throw new IOException(
            "cannot merge " + file.resourceId() + ": its file system gives no seekable channel");
      }
      return new DelegatingSeekableInputStream(Channels.newInputStream(channel)) {
        @Override
        public long getPos() throws IOException {
          return channel.position();
        }

        @Override
        public void seek(long newPos) throws IOException {
          channel.position(newPos);
        }
      };
    }
  }
}
