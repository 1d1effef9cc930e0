package dev.dmtl.pipeline.input;

import dev.dmtl.contract.rows.DeadLetter;
import dev.dmtl.pipeline.DeadLetterCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * One unit of work handed to an inference worker by {@link InputSource}: a batch of plain files,
 * one archive (its entries are read and batched by the worker that gets it: a tar.gz cannot be
 * split), or one input that already failed while listing (a broken link, an unreadable folder).
 *
 * @param kind which of the three
 * @param files the batch, for {@link Kind#FILES}; empty otherwise
 * @param archive the archive as matched, for {@link Kind#ARCHIVE}; null otherwise
 * @param rejected the dead letter, for {@link Kind#REJECTED}; null otherwise
 */
public record InputUnit(Kind kind, List<InputItem> files, String archive, DeadLetter rejected) {

  /** What a unit holds. */
  public enum Kind {
    FILES,
    ARCHIVE,
    REJECTED
  }

  public InputUnit {
    Objects.requireNonNull(kind, "kind");
    files = List.copyOf(files);
    if ((kind == Kind.FILES) == files.isEmpty()
        || (kind == Kind.ARCHIVE) == (archive == null)
        || (kind == Kind.REJECTED) == (rejected == null)) {
      throw new IllegalArgumentException("a " + kind + " unit holds exactly its own part");
    }
  }

  public static InputUnit files(List<InputItem> files) {
    return new InputUnit(Kind.FILES, files, null, null);
  }

  public static InputUnit archive(String source) {
    return new InputUnit(Kind.ARCHIVE, List.of(), source, null);
  }

  public static InputUnit rejected(DeadLetter deadLetter) {
    return new InputUnit(Kind.REJECTED, List.of(), null, deadLetter);
  }

  /**
   * How many inputs the listing counted in this unit; an archive's entries are counted when it is
   * read.
   */
  public int listedInputs() {
    return switch (kind) {
      case FILES -> files.size();
      case ARCHIVE -> 0;
      case REJECTED -> 1;
    };
  }

  /** The Beam coder: explicit, deterministic, no Java serialization. */
  public static final class Coder extends AtomicCoder<InputUnit> {
    private static final long serialVersionUID = 1L;
    public static final Coder INSTANCE = new Coder();
    private static final ListCoder<InputItem> FILES = ListCoder.of(InputItem.Coder.INSTANCE);

    private Coder() {}

    @Override
    public void encode(InputUnit value, OutputStream out) throws IOException {
      // by name, not ordinal: a reordered enum must not silently change the meaning of encoded
      // units
      StringUtf8Coder.of().encode(value.kind().name(), out);
      switch (value.kind()) {
        case FILES -> FILES.encode(value.files(), out);
        case ARCHIVE -> StringUtf8Coder.of().encode(value.archive(), out);
        case REJECTED -> DeadLetterCoder.INSTANCE.encode(value.rejected(), out);
      }
    }

    @Override
    public InputUnit decode(InputStream in) throws IOException {
      Kind kind = Kind.valueOf(StringUtf8Coder.of().decode(in));
      return switch (kind) {
        case FILES -> files(FILES.decode(in));
        case ARCHIVE -> archive(StringUtf8Coder.of().decode(in));
        case REJECTED -> rejected(DeadLetterCoder.INSTANCE.decode(in));
      };
    }

    @Override
    public void verifyDeterministic() {}
  }
}
