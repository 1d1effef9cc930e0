package dev.dmtl.pipeline.database;

import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.contract.run.RunManifest;
import dev.dmtl.contract.run.RunProvenance;
import dev.dmtl.parquet.ParquetFile;
import dev.dmtl.pipeline.InvalidRunException;
import dev.dmtl.pipeline.SinkOptions;
import dev.dmtl.pipeline.output.OutputDirectory;
import dev.dmtl.resultsdb.ResultsDatabase;
import dev.dmtl.resultsdb.SinkCredentials;
import dev.dmtl.resultsdb.SinkException;
import dev.dmtl.resultsdb.SinkUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The driver's end of {@code --sink} and {@code --skip-known}: checked and migrated before the run
 * starts (so that a bad database costs seconds and writes nothing), the {@code runs} row opened,
 * published or failed around the pipeline, the workers' write transform built. {@link #close()}
 * lets go of a DuckDB file, which this JVM holds open from {@link #open} to the end of the run.
 */
public final class ResultsSink implements AutoCloseable {

  private final ResultsDatabase database;
  private final SinkCredentials credentials;

  private ResultsSink(ResultsDatabase database, SinkCredentials credentials) {
    this.database = database;
    this.credentials = credentials;
  }

  /**
   * Connects to the sink of {@code options} and brings its schema up to date; null without a sink.
   *
   * @param env the process environment ({@code PGUSER}, {@code PGPASSWORD})
   * @param flinkCluster the Flink cluster the run goes to ({@code --flink-master}), or null for
   *     embedded Flink and the Direct runner
   * @throws InvalidRunException when the URL, the credentials or the database cannot be used, or a
   *     DuckDB file would be written from a cluster: one line, never the password
   */
  public static ResultsSink open(SinkOptions options, Map<String, String> env, String flinkCluster)
      throws InvalidRunException {
    if (options.url() == null) {
      return null;
    }
    checkRunner(options, flinkCluster);
    ResultsDatabase db = null;
    try {
      SinkUrl url = SinkUrl.parse(options.url());
      SinkCredentials credentials =
          SinkCredentials.resolve(
              url, options.passwordFile() == null ? null : Path.of(options.passwordFile()), env);
      db = ResultsDatabase.connect(url, credentials);
      db.migrate();
      return new ResultsSink(db, credentials);
    } catch (SinkException e) {
      if (db != null) {
        db.closeAfter(e);
      }
      throw new InvalidRunException(e.getMessage(), e);
    }
  }

  /**
   * Refuses a DuckDB sink on a Flink cluster, before anything is read or opened: the cluster's
   * TaskManagers are other processes, each of which would need the file, and DuckDB lets one
   * process write it (they may not even share its file system).
   *
   * @param flinkCluster {@code --flink-master}, or null (embedded Flink, Direct runner)
   * @throws InvalidRunException for a DuckDB sink on a cluster, or a {@code --sink} of no kind dmtl
   *     writes
   */
  public static void checkRunner(SinkOptions options, String flinkCluster)
      throws InvalidRunException {
    if (options.url() == null) {
      return;
    }
    try {
      SinkUrl url = SinkUrl.parse(options.url());
      if (url.kind() == SinkUrl.Kind.DUCKDB && flinkCluster != null) {
        throw new InvalidRunException(
            "--sink "
                + url.display()
                + ": DuckDB is a single-process file and the Flink cluster at "
                + flinkCluster
                + " runs workers in other processes; use PostgreSQL (jdbc:postgresql://…) for a"
                + " cluster, or run embedded");
      }
    } catch (SinkException e) {
      throw new InvalidRunException(e.getMessage(), e);
    }
  }

  /**
   * Lets go of the database: a DuckDB file is unlocked once every connection of this JVM, the
   * workers' included, is closed here.
   *
   * @throws IOException when DuckDB fails to close the file
   */
  @Override
  public void close() throws IOException {
    try {
      database.close();
    } catch (SinkException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** {@link #close()} after {@code failure}, which gets a failure to close. */
  public void closeAfter(Throwable failure) {
    database.closeAfter(failure);
  }

  /**
   * The image SHA-256s {@code --skip-known} skips for a model: published in the database (when
   * there is a sink) and in the {@code --previous} folders' Parquet files written by the same
   * model.
   *
   * @throws InvalidRunException when a previous folder holds no complete result or another model's
   */
  public static Set<String> knownImages(ResultsSink sink, SinkOptions options, String modelSha256)
      throws InvalidRunException {
    if (!options.skipKnown()) {
      return Set.of();
    }
    Set<String> known = new HashSet<>();
    if (sink != null) {
      try {
        known.addAll(sink.database.knownImages(modelSha256));
      } catch (SinkException e) {
        throw new InvalidRunException(e.getMessage(), e);
      }
    }
    if (options.previous() != null) {
      for (String folder : options.previous()) {
        known.addAll(previousImages(Path.of(folder), modelSha256));
      }
    }
    return known;
  }

  /** The image hashes of a published Parquet result of the same model. */
  private static Set<String> previousImages(Path folder, String modelSha256)
      throws InvalidRunException {
    if (!Files.isRegularFile(folder.resolve(OutputDirectory.MANIFEST))) {
      throw new InvalidRunException(
          "--previous " + folder + ": no manifest.json, not a complete dmtl result");
    }
    Set<String> out = new HashSet<>();
    for (String name : List.of(OutputDirectory.PREDICTIONS, OutputDirectory.DEAD_LETTERS)) {
      Path file = folder.resolve(name);
      try {
        ParquetFile parquet = ParquetFile.open(file);
        String sha = parquet.runProvenance().map(p -> p.model().sha256()).orElse(null);
        if (!modelSha256.equals(sha)) {
          // another model's results say nothing about what this model would predict
          return Set.of();
        }
        parquet.read(
            List.of(PredictionColumns.IMAGE_SHA256),
            r -> {
              String h = ParquetFile.text(r, PredictionColumns.IMAGE_SHA256);
              if (h != null) {
                out.add(h);
              }
            });
      } catch (IOException e) {
        throw new InvalidRunException("--previous " + folder + ": cannot read " + name, e);
      }
    }
    return out;
  }

  /** The workers' write of a run's records. */
  public WriteResultsDatabase write(String runId, ModelContract contract, boolean withLabels) {
    return new WriteResultsDatabase(
        database.url(),
        credentials,
        runId,
        contract.tasks().stream()
            .map(t -> new WriteResultsDatabase.Task(t.name(), t.kind() == TaskKind.ORDINAL))
            .toList(),
        withLabels);
  }

  /** Opens the run's row, status running. */
  public void start(RunProvenance provenance) throws IOException {
    try {
      database.startRun(provenance);
    } catch (SinkException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** See {@link ResultsDatabase#preparePublication}. */
  public ResultsDatabase.Publication preparePublication(RunManifest manifest) throws IOException {
    return database.preparePublication(manifest);
  }

  /**
   * Marks the run failed after {@code failure}; a failure to do so is attached to {@code failure}
   * (the run then stays 'running', which the views do not show either).
   */
  public void fail(String runId, Throwable failure) {
    try {
      database.failRun(runId, String.valueOf(failure.getMessage()));
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
