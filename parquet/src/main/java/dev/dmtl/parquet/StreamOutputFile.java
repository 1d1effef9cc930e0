package dev.dmtl.parquet;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Parquet's output abstraction over a stream, e.g. one opened by Beam's {@code FileSystems} (so
 * outputs may live on any file system Beam writes), the position counted here. The stream's owner
 * closes it: closing the Parquet stream only flushes.
 */
public final class StreamOutputFile implements OutputFile {
  private final OutputStream out;

  public StreamOutputFile(OutputStream out) {
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
        // the owner (Beam FileIO, a shard merger) closes the channel; closing here would close it
        // twice
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
