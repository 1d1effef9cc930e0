package dev.dmtl.pipeline.output;

import dev.dmtl.parquet.PredictionSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.Contextful;

/**
 * Prediction rows and dead-letter rows travel as one collection of Avro records, told apart by
 * their schema, and one {@link FileIO#writeDynamic} stage writes both files.
 *
 * <p>Why one collection: on Flink's batch runner a step with two outputs cannot be chained to the
 * steps after it, so with separate outputs every row was encoded by the inference task and decoded
 * again by an extra task that split rows from dead letters before writing. With one output,
 * listing, inference and the writers of both files run as one chain of operators in the same
 * thread.
 */
public final class OutputRecords {

  private static final String DEAD_LETTER = PredictionSchema.deadLetters().getFullName();

  private OutputRecords() {}

  /** Whether {@code record} is a dead-letter row (else it is a prediction row). */
  public static boolean isDeadLetter(GenericRecord record) {
    return record.getSchema().getFullName().equals(DEAD_LETTER);
  }

  /**
   * The write of both files (their schemas: a run's prediction and dead-letter schemas) into {@code
   * out}'s temp folder, named by {@link OutputDirectory#PREDICTIONS_PREFIX} and {@link
   * OutputDirectory#DEAD_LETTERS_PREFIX}.
   *
   * @param parallelWriters each worker writes its own files from its bundle (joined at commit);
   *     otherwise all records of a file go to one writer
   */
  public static FileIO.Write<String, GenericRecord> write(
      String rowSchemaJson,
      String deadLetterSchemaJson,
      Map<String, String> footer,
      OutputDirectory out,
      boolean parallelWriters) {
    Map<String, String> footerCopy = new HashMap<>(footer);
    FileIO.Write<String, GenericRecord> write =
        FileIO.<String, GenericRecord>writeDynamic()
            .by(
                r ->
                    isDeadLetter(r)
                        ? OutputDirectory.DEAD_LETTERS_PREFIX
                        : OutputDirectory.PREDICTIONS_PREFIX)
            .via(
                Contextful.fn(
                    prefix ->
                        new FooterParquetSink(
                            new Schema.Parser()
                                .parse(
                                    OutputDirectory.DEAD_LETTERS_PREFIX.equals(prefix)
                                        ? deadLetterSchemaJson
                                        : rowSchemaJson),
                            footerCopy)))
            .to(out.temp().toString())
            .withNaming(prefix -> FileIO.Write.defaultNaming(prefix, ".parquet"))
            .withDestinationCoder(StringUtf8Coder.of());
    return parallelWriters ? write : write.withNumShards(1);
  }

  /**
   * A record of either schema: one byte for which, then the record in Avro binary with that schema.
   */
  public static final class Coder extends CustomCoder<GenericRecord> {
    private static final long serialVersionUID = 1L;
    private final AvroCoder<GenericRecord> rows;
    private final AvroCoder<GenericRecord> deadLetters;

    public Coder(String rowSchemaJson, String deadLetterSchemaJson) {
      this.rows = AvroCoder.of(new Schema.Parser().parse(rowSchemaJson));
      this.deadLetters = AvroCoder.of(new Schema.Parser().parse(deadLetterSchemaJson));
    }

    @Override
    public void encode(GenericRecord value, OutputStream out) throws IOException {
      boolean deadLetter = isDeadLetter(value);
      out.write(deadLetter ? 1 : 0);
      (deadLetter ? deadLetters : rows).encode(value, out);
    }

    @Override
    public GenericRecord decode(InputStream in) throws IOException {
      int kind = in.read();
      return switch (kind) {
        case 0 -> rows.decode(in);
        case 1 -> deadLetters.decode(in);
        default -> throw new CoderException("not an output record: kind byte " + kind);
      };
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Coder c && rows.equals(c.rows) && deadLetters.equals(c.deadLetters);
    }

    @Override
    public int hashCode() {
      return Objects.hash(rows, deadLetters);
    }

    @Override
    public void verifyDeterministic() throws NonDeterministicException {
      rows.verifyDeterministic();
      deadLetters.verifyDeterministic();
    }
  }
}
