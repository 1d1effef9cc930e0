package dev.dmtl.pipeline.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * One input image on its way to inference. A plain file carries only its path, so the input splits
 * that carry it to the workers stay small (the bytes are read where they are decoded); an archive
 * entry carries its bytes, read by the worker that reads the archive, because a tar.gz cannot be
 * reopened at one entry.
 *
 * @param source the file as matched (a path or URI)
 * @param entry the archive entry name, or null
 * @param relativePath the key for label lookup: path below the input root, or the entry name
 * @param sizeBytes file size from the listing, or -1 when unknown
 * @param content the bytes of an archive entry, or null for plain files
 */
public record InputItem(
    String source, String entry, String relativePath, long sizeBytes, byte[] content) {

  public InputItem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(relativePath, "relativePath");
  }

  /** A plain file, read later. */
  public static InputItem file(String source, String relativePath, long sizeBytes) {
    return new InputItem(source, null, relativePath, sizeBytes, null);
  }

  /** An archive entry with its bytes. */
  public static InputItem entry(String archive, String entry, byte[] content) {
    return new InputItem(archive, entry, entry, content.length, content);
  }

  /** {@code source} or {@code source!/entry}: how an input is named everywhere. */
  public String address() {
    return entry == null ? source : source + "!/" + entry;
  }

  /** The Beam coder: explicit, deterministic, no Java serialization. */
  public static final class Coder extends AtomicCoder<InputItem> {
    private static final long serialVersionUID = 1L;
    public static final Coder INSTANCE = new Coder();
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();
    private static final NullableCoder<String> OPTIONAL_STRING =
        NullableCoder.of(StringUtf8Coder.of());
    private static final NullableCoder<byte[]> OPTIONAL_BYTES =
        NullableCoder.of(ByteArrayCoder.of());

    private Coder() {}

    @Override
    public void encode(InputItem value, OutputStream out) throws IOException {
      STRING.encode(value.source(), out);
      OPTIONAL_STRING.encode(value.entry(), out);
      STRING.encode(value.relativePath(), out);
      VarLongCoder.of()
          .encode(value.sizeBytes() + 1, out); // -1 → 0: VarLong of negatives is 10 bytes
      OPTIONAL_BYTES.encode(value.content(), out);
    }

    @Override
    public InputItem decode(InputStream in) throws IOException {
      return new InputItem(
          STRING.decode(in),
          OPTIONAL_STRING.decode(in),
          STRING.decode(in),
          VarLongCoder.of().decode(in) - 1,
          OPTIONAL_BYTES.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
