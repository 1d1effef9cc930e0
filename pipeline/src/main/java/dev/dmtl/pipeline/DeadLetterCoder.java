package dev.dmtl.pipeline;

import dev.dmtl.contract.rows.DeadLetter;
import dev.dmtl.contract.rows.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/** Beam coder for {@link DeadLetter}: explicit and deterministic. */
public final class DeadLetterCoder extends AtomicCoder<DeadLetter> {
  private static final long serialVersionUID = 1L;
  public static final DeadLetterCoder INSTANCE = new DeadLetterCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final NullableCoder<String> OPTIONAL_STRING =
      NullableCoder.of(StringUtf8Coder.of());

  private DeadLetterCoder() {}

  @Override
  public void encode(DeadLetter value, OutputStream out) throws IOException {
    STRING.encode(value.source(), out);
    OPTIONAL_STRING.encode(value.entry(), out);
    OPTIONAL_STRING.encode(value.relativePath(), out);
    OPTIONAL_STRING.encode(value.imageSha256(), out);
    STRING.encode(value.stage().name(), out);
    STRING.encode(value.errorClass(), out);
    STRING.encode(value.message(), out);
  }

  @Override
  public DeadLetter decode(InputStream in) throws IOException {
    return new DeadLetter(
        STRING.decode(in),
        OPTIONAL_STRING.decode(in),
        OPTIONAL_STRING.decode(in),
        OPTIONAL_STRING.decode(in),
        Stage.valueOf(STRING.decode(in)),
        STRING.decode(in),
        STRING.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
