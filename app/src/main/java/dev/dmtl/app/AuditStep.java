package dev.dmtl.app;

import dev.dmtl.audit.AuditInputs;
import dev.dmtl.audit.Auditor;
import dev.dmtl.audit.attributes.AttributeFile;
import dev.dmtl.audit.attributes.AttributeFileException;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.input.IncompatibleInputsException;
import dev.dmtl.audit.io.AuditCsv;
import dev.dmtl.audit.io.AuditJson;
import dev.dmtl.audit.result.AuditResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * {@code dmtl audit}: audits prediction and dead-letter Parquet files and writes {@code audit.json}
 * and the CSV tables into a folder.
 */
public final class AuditStep {

  /** The audit JSON's file name in its folder. */
  public static final String AUDIT_JSON = "audit.json";

  /**
   * @param inputs Parquet files, or folders holding them (told apart by their columns)
   * @param options every option of the audit
   * @param outDir where {@code audit.json} and the CSV tables go (created)
   * @param pretty indent the JSON
   */
  public record Request(List<Path> inputs, AuditOptions options, Path outDir, boolean pretty) {
    public Request {
      inputs = List.copyOf(inputs);
      Objects.requireNonNull(options, "options");
      Objects.requireNonNull(outDir, "outDir");
    }
  }

  /**
   * @param result the audit
   * @param json the audit JSON written
   * @param csv the CSV tables written
   */
  public record Outcome(AuditResult result, Path json, List<Path> csv) {
    public Outcome {
      csv = List.copyOf(csv);
    }
  }

  private final Clock clock;

  public AuditStep(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @throws BadInputException when an input does not exist or is not a prediction or dead-letter
   *     Parquet file
   * @throws IllegalArgumentException when the inputs do not fit the options (no labels for a
   *     labelled audit, a rule or reference group that matches nothing): the message says what to
   *     change
   * @throws IOException when reading or writing fails otherwise
   */
  public Outcome run(Request request) throws BadInputException, IOException {
    AuditInputs files = discover(request.inputs());
    AuditResult result;
    try {
      result = new Auditor(request.options(), clock).audit(files);
    } catch (AttributeFileException | IncompatibleInputsException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    return write(result, request.outDir(), request.pretty());
  }

  /**
   * Reads and checks the attribute file of the options, if any, before anything long runs: {@code
   * dmtl run} calls this before inference, so a bad file costs seconds, not the whole run.
   *
   * @param taskNames the model's tasks (an attribute may not be named like one)
   * @throws BadInputException naming the file and the problem
   * @throws IllegalArgumentException when a {@code --bins} rule names a column the file lacks
   */
  public static void checkAttributes(AuditOptions options, List<String> taskNames)
      throws BadInputException, IOException {
    if (options.attributes() == null) {
      return;
    }
    try {
      AttributeFile.read(
          Path.of(options.attributes().file()), options.attributes().bins(), taskNames);
    } catch (AttributeFileException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  /** Writes an audit's JSON and CSV tables into {@code outDir}. */
  static Outcome write(AuditResult result, Path outDir, boolean pretty) throws IOException {
    Files.createDirectories(outDir);
    Path json = outDir.resolve(AUDIT_JSON);
    AuditJson.write(result, json, pretty);
    return new Outcome(result, json, AuditCsv.write(result, outDir));
  }

  private static AuditInputs discover(List<Path> inputs) throws BadInputException {
    try {
      return AuditInputs.discover(inputs);
    } catch (NoSuchFileException e) {
      throw new BadInputException("input not found: " + e.getFile(), e);
    } catch (IOException e) {
      // the Parquet layer names the file: a folder that cannot be listed, a file that is not
      // Parquet
      throw new BadInputException(e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }
}
