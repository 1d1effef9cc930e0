package dev.dmtl.pipeline.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * One thing the user named as input, resolved on the driver into a FileSystems match spec.
 *
 * @param kind what was named
 * @param spec the FileSystems spec to match: a file, {@code dir/**}, or the user's glob
 * @param base for {@link Kind#FILE}: the input's relative path (as the user wrote it); for
 *     directories and globs: the matched-path prefix stripped to get each file's relative path
 */
public record InputPattern(Kind kind, String spec, String base) {

  /** What the user named. */
  public enum Kind {
    /** One file (an image or an archive). */
    FILE,
    /** A folder, read recursively. */
    DIRECTORY,
    /** A glob such as {@code photos/*.jpg} or {@code gs://bucket/x/**}. */
    GLOB
  }

  public InputPattern {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(base, "base");
  }

  /** The relative path (label-lookup key) of a file this pattern matched. */
  public String relativePathOf(String matched) {
    if (kind == Kind.FILE) {
      return base;
    }
    return matched.startsWith(base) ? matched.substring(base.length()) : matched;
  }

  /** The Beam coder. */
  public static final class Coder extends AtomicCoder<InputPattern> {
    private static final long serialVersionUID = 1L;
    public static final Coder INSTANCE = new Coder();
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();

    private Coder() {}

    @Override
    public void encode(InputPattern value, OutputStream out) throws IOException {
      STRING.encode(value.kind().name(), out);
      STRING.encode(value.spec(), out);
      STRING.encode(value.base(), out);
    }

    @Override
    public InputPattern decode(InputStream in) throws IOException {
      return new InputPattern(
          Kind.valueOf(STRING.decode(in)), STRING.decode(in), STRING.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
