package dev.dmtl.pipeline.output;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Parquet's output abstraction over a stream opened by Beam's {@code FileSystems} (so outputs may
 * live on any file system Beam writes), the position counted here. The stream's owner closes it:
 * closing the Parquet stream only flushes.
 */
final class ChannelOutputFile implements OutputFile {
  private final OutputStream out;

  ChannelOutputFile(OutputStream out) {
    this.out = out;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) {
    return stream();
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) {
    return stream();
  }

  private PositionOutputStream stream() {
    return new PositionOutputStream() {
      private long position;

      @Override
      public long getPos() {
        return position;
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        position++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        position += len;
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        // the owner (FileIO, or ParquetShards) closes the channel; closing here would close it twice
        out.flush();
      }
    };
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }
}
