package dev.dmtl.pipeline.input;

import java.util.function.LongSupplier;

/**
 * The compression-ratio cap for archive entries: an entry may inflate freely up to {@link
 * #FREE_BYTES}, after that it is refused once it has inflated more than {@link #MAX_RATIO} times
 * the compressed bytes it was read from. Real photos do not compress 100:1 (JPEG and PNG are
 * compressed already); a zip bomb does, by a factor of 1,000 or more. The file-size cap alone would
 * stop a bomb only at 64 MiB per entry, and a tar.gz of many such entries would still cost minutes.
 *
 * <p>One guard per entry; the compressed count is read from the decompressing stream
 * (commons-compress' {@code InputStreamStatistics}).
 */
final class InflationGuard {

  /** Bytes an entry may inflate to before the ratio is checked: 8 MiB. */
  static final long FREE_BYTES = 8L * 1024 * 1024;

  /** Largest accepted inflated / compressed ratio beyond {@link #FREE_BYTES}. */
  static final long MAX_RATIO = 100;

  private final String container;
  private final LongSupplier compressedBytes;
  private final long compressedAtStart;

  /**
   * @param container how the message names the archive kind ({@code zip}, {@code tar.gz})
   * @param compressedBytes compressed bytes the stream has consumed so far, or null for stored data
   */
  private InflationGuard(String container, LongSupplier compressedBytes) {
    this.container = container;
    this.compressedBytes = compressedBytes;
    this.compressedAtStart = compressedBytes == null ? 0 : compressedBytes.getAsLong();
  }

  /** A guard for an entry starting now. */
  static InflationGuard starting(String container, LongSupplier compressedBytes) {
    return new InflationGuard(container, compressedBytes);
  }

  /** A guard that never trips: stored data (a plain tar) cannot inflate. */
  static InflationGuard none() {
    return new InflationGuard("stored", null);
  }

  /**
   * @param inflated bytes of the entry read so far
   * @throws Exceeded when the entry is past {@link #FREE_BYTES} and more than {@link #MAX_RATIO}:1
   */
  void check(long inflated) throws Exceeded {
    if (compressedBytes == null || inflated <= FREE_BYTES) {
      return;
    }
    long compressed = Math.max(1, compressedBytes.getAsLong() - compressedAtStart);
    if (inflated > MAX_RATIO * compressed) {
      throw new Exceeded(
          container
              + " entry inflates more than "
              + MAX_RATIO
              + ":1 (zip bomb?): "
              + inflated
              + " bytes from "
              + compressed
              + " compressed bytes; not read further");
    }
  }

  /** An entry exceeded the ratio; the message says by how much. */
  static final class Exceeded extends Exception {
    private static final long serialVersionUID = 1L;

    Exceeded(String message) {
      super(message);
    }
  }
}
