package dev.dmtl.contract.labels;

import dev.dmtl.contract.ContentHash;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The deterministic train/validation/test split used for training, evaluation and the bundled
 * sample: the first 8 bytes of SHA-256(file name) as an unsigned big-endian number, modulo 100;
 * buckets 0–79 train, 80–89 validation, 90–99 test. Only the file name counts (not the folder), so
 * the split is the same wherever the data lives, and it never depends on file order.
 */
public enum DataSplit {
  TRAIN,
  VAL,
  TEST;

  /** Bucket 0..99 of a file name (last path segment). */
  public static int bucket(String pathOrName) {
    String name =
        pathOrName.substring(
            Math.max(pathOrName.lastIndexOf('/'), pathOrName.lastIndexOf('\\')) + 1);
    byte[] digest = ContentHash.sha256().digest(name.getBytes(StandardCharsets.UTF_8));
    long prefix = ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    return (int) Long.remainderUnsigned(prefix, 100);
  }

  /** The split a file belongs to. */
  public static DataSplit of(String pathOrName) {
    int b = bucket(pathOrName);
    return b < 80 ? TRAIN : b < 90 ? VAL : TEST;
  }

  public static DataSplit parse(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
