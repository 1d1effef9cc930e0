package dev.dmtl.inference.image;

import dev.dmtl.contract.rows.Stage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stream (a file or an archive entry) into memory, but never more than the file-size cap:
 * an archive entry's declared size can lie, so the cap is enforced on the bytes actually read.
 */
public final class CappedRead {

  private CappedRead() {}

  /**
   * @param in the stream; not closed here
   * @param maxBytes the cap, see {@link DecodeLimits#maxFileBytes()}
   * @return all bytes of the stream
   * @throws ImageDecodeException at {@link Stage#DECODE} when the stream holds more than {@code
   *     maxBytes}
   * @throws IOException when reading fails (a {@link Stage#READ} fault for the caller)
   */
  public static byte[] readAll(InputStream in, long maxBytes)
      throws IOException, ImageDecodeException {
    return readAll(in, maxBytes, total -> {});
  }

  /**
   * A check run after every chunk read, with the bytes read so far (e.g. a compression-ratio cap).
   */
  @FunctionalInterface
  public interface AfterChunk<E extends Exception> {
    void check(long total) throws E;
  }

  /**
   * Like {@link #readAll(InputStream, long)}, calling {@code afterChunk} once the size cap has
   * passed each chunk.
   */
  public static <E extends Exception> byte[] readAll(
      InputStream in, long maxBytes, AfterChunk<E> afterChunk)
      throws IOException, ImageDecodeException, E {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    byte[] buffer = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > maxBytes) {
        throw new ImageDecodeException(
            Stage.DECODE, "file is larger than the cap of " + maxBytes + " bytes");
      }
      afterChunk.check(total);
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
