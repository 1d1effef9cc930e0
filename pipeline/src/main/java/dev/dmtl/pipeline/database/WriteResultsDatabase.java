package dev.dmtl.pipeline.database;

import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.pipeline.output.OutputRecords;
import dev.dmtl.resultsdb.DeadLetterKey;
import dev.dmtl.resultsdb.DuckDbFile;
import dev.dmtl.resultsdb.ResultsTables;
import dev.dmtl.resultsdb.SinkCredentials;
import dev.dmtl.resultsdb.SinkUrl;
import java.io.Serializable;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The run's output records (prediction rows and dead letters, {@link OutputRecords}) → the results
 * database, written by the workers with Beam's JdbcIO: {@code faces}, {@code predictions} (one row
 * per face and task), {@code dead_letters} and, with labels, {@code dead_letter_labels}.
 *
 * <p>JdbcIO commits a batch at a time; a bundle that fails after some commits is retried whole.
 * Every statement is therefore an upsert on the row's natural key ({@link ResultsTables}): the
 * retried bundle writes the same rows (inference is deterministic on the same bytes) and none is
 * duplicated. Whether the run is complete is decided by the driver, which publishes the {@code
 * runs} row only when the database holds exactly the rows the run counted.
 */
public final class WriteResultsDatabase extends PTransform<PCollection<GenericRecord>, PDone> {
  private static final long serialVersionUID = 1L;

  /** Statements per JdbcIO batch and commit. */
  static final long BATCH = 200;

  private final Target target;

  /**
   * @param url the database
   * @param credentials who writes (travels to the workers inside the job, never recorded)
   * @param runId the run whose rows these are
   * @param tasks the model's tasks, in the model's order
   * @param withLabels whether the records carry label columns (then dead letters' labels are
   *     written too)
   */
  public WriteResultsDatabase(
      SinkUrl url,
      SinkCredentials credentials,
      String runId,
      List<Task> tasks,
      boolean withLabels) {
    this.target = new Target(url, credentials, runId, List.copyOf(tasks), withLabels);
  }

  /**
   * A task of the model, as its columns in a row.
   *
   * @param name the task's name
   * @param ordinal ordinal (rank columns) or nominal (label columns)
   */
  public record Task(String name, boolean ordinal) implements Serializable {}

  private record Target(
      SinkUrl url, SinkCredentials credentials, String runId, List<Task> tasks, boolean withLabels)
      implements Serializable {}

  @Override
  public PDone expand(PCollection<GenericRecord> records) {
    PCollection<GenericRecord> rows =
        records.apply("PredictionRows", Filter.by(r -> !OutputRecords.isDeadLetter(r)));
    PCollection<GenericRecord> deadLetters =
        records.apply("DeadLetterRows", Filter.by(OutputRecords::isDeadLetter));
    Target t = target;
    rows.apply("WriteFaces", write(t, ResultsTables.insertFaces(), (r, s) -> faces(t, r, s)));
    rows.apply(
        "WritePredictions",
        write(
            t, ResultsTables.insertPredictions(t.tasks().size()), (r, s) -> predictions(t, r, s)));
    deadLetters.apply(
        "WriteDeadLetters",
        write(t, ResultsTables.insertDeadLetters(), (r, s) -> deadLetter(t, r, s)));
    if (t.withLabels()) {
      deadLetters.apply(
          "WriteDeadLetterLabels",
          write(
              t,
              ResultsTables.insertDeadLetterLabels(t.tasks().size()),
              (r, s) -> deadLetterLabels(t, r, s)));
    }
    return PDone.in(records.getPipeline());
  }

  private static JdbcIO.Write<GenericRecord> write(
      Target t, String statement, JdbcIO.PreparedStatementSetter<GenericRecord> setter) {
    return JdbcIO.<GenericRecord>write()
        .withDataSourceProviderFn(new DataSourceFn(t.url(), t.credentials()))
        .withStatement(statement)
        .withPreparedStatementSetter(setter)
        // rows become durable every BATCH rows, not only at the end of a worker's bundle (a
        // whole partition on Flink's batch runner): a retried task then really rewrites committed
        // rows, which the upserts drop (the fault tests see that case, not just the easy one)
        .withBatchSize(BATCH);
  }

  /**
   * The workers' data source: a plain PostgreSQL one per worker (JdbcIO holds one connection per
   * DoFn instance), or for a DuckDB file duplicates of the one instance this JVM holds (DuckDB
   * allows no second instance of a file; the driver refuses a cluster run before it starts).
   */
  private static final class DataSourceFn implements SerializableFunction<Void, DataSource> {
    private static final long serialVersionUID = 1L;
    private final SinkUrl url;
    private final SinkCredentials credentials;

    DataSourceFn(SinkUrl url, SinkCredentials credentials) {
      this.url = url;
      this.credentials = credentials;
    }

    @Override
    public DataSource apply(Void input) {
      if (url.kind() == SinkUrl.Kind.DUCKDB) {
        return DuckDbFile.dataSource(url.file());
      }
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(url.jdbcUrl());
      ds.setUser(credentials.user());
      if (credentials.password() != null) {
        ds.setPassword(credentials.password());
      }
      ds.setApplicationName("dmtl");
      return ds;
    }
  }

  private static void faces(Target t, GenericRecord r, PreparedStatement s) throws Exception {
    int i = 1;
    s.setString(i++, t.runId());
    s.setString(i++, address(r));
    s.setInt(i++, (Integer) r.get(PredictionColumns.FACE_INDEX));
    s.setString(i++, text(r, PredictionColumns.SOURCE));
    s.setString(i++, text(r, PredictionColumns.ENTRY));
    s.setString(i++, text(r, PredictionColumns.RELATIVE_PATH));
    s.setString(i++, text(r, PredictionColumns.IMAGE_SHA256));
    s.setInt(i++, (Integer) r.get(PredictionColumns.IMAGE_WIDTH));
    s.setInt(i++, (Integer) r.get(PredictionColumns.IMAGE_HEIGHT));
    for (String c :
        List.of(
            PredictionColumns.FACE_X,
            PredictionColumns.FACE_Y,
            PredictionColumns.FACE_W,
            PredictionColumns.FACE_H,
            PredictionColumns.FACE_SCORE)) {
      setFloat(s, i++, r.get(c));
    }
    s.setArray(i, reals(s, r.get(PredictionColumns.FACE_LANDMARKS)));
  }

  private static void predictions(Target t, GenericRecord r, PreparedStatement s) throws Exception {
    int i = 1;
    String address = address(r);
    int face = (Integer) r.get(PredictionColumns.FACE_INDEX);
    for (Task task : t.tasks()) {
      String name = task.name();
      s.setString(i++, t.runId());
      s.setString(i++, address);
      s.setInt(i++, face);
      s.setString(i++, name);
      Object predicted = r.get(PredictionColumns.predicted(name));
      s.setString(i++, task.ordinal() ? null : Objects.toString(predicted, null));
      setInt(s, i++, task.ordinal() ? predicted : null);
      Object expected = task.ordinal() ? r.get(PredictionColumns.expected(name)) : null;
      if (expected == null) {
        s.setNull(i++, Types.DOUBLE);
      } else {
        s.setDouble(i++, ((Number) expected).doubleValue());
      }
      setFloat(s, i++, task.ordinal() ? null : r.get(PredictionColumns.confidence(name)));
      s.setArray(i++, reals(s, r.get(PredictionColumns.probabilities(name))));
      i = labels(task, r, s, i);
    }
  }

  private static void deadLetter(Target t, GenericRecord r, PreparedStatement s) throws Exception {
    int i = 1;
    s.setString(i++, t.runId());
    s.setString(i++, key(r));
    s.setString(i++, address(r));
    s.setString(i++, text(r, PredictionColumns.SOURCE));
    s.setString(i++, text(r, PredictionColumns.ENTRY));
    s.setString(i++, text(r, PredictionColumns.RELATIVE_PATH));
    s.setString(i++, text(r, PredictionColumns.IMAGE_SHA256));
    s.setString(i++, text(r, PredictionColumns.STAGE));
    s.setString(i++, text(r, PredictionColumns.ERROR_CLASS));
    s.setString(i, text(r, PredictionColumns.MESSAGE));
  }

  /** The labels of a dead letter, one row per task (with a label source only). */
  private static void deadLetterLabels(Target t, GenericRecord r, PreparedStatement s)
      throws Exception {
    int i = 1;
    String key = key(r);
    for (Task task : t.tasks()) {
      s.setString(i++, t.runId());
      s.setString(i++, key);
      s.setString(i++, task.name());
      i = labels(task, r, s, i);
    }
  }

  /** Sets label, label_rank, label_min, label_max from the record's label columns (or nulls). */
  private static int labels(Task task, GenericRecord r, PreparedStatement s, int i)
      throws Exception {
    String name = task.name();
    Object label = field(r, PredictionColumns.label(name));
    s.setString(i++, task.ordinal() ? null : Objects.toString(label, null));
    setInt(s, i++, task.ordinal() ? label : null);
    setInt(s, i++, task.ordinal() ? field(r, PredictionColumns.labelMin(name)) : null);
    setInt(s, i++, task.ordinal() ? field(r, PredictionColumns.labelMax(name)) : null);
    return i;
  }

  /** A column's value, or null when the record's schema has no such column (no labels). */
  private static Object field(GenericRecord r, String name) {
    Schema.Field f = r.getSchema().getField(name);
    return f == null ? null : r.get(f.pos());
  }

  /** {@code source} or {@code source!/entry}, as everywhere. */
  private static String address(GenericRecord r) {
    String source = text(r, PredictionColumns.SOURCE);
    String entry = text(r, PredictionColumns.ENTRY);
    return entry == null ? source : source + "!/" + entry;
  }

  private static String key(GenericRecord r) {
    return DeadLetterKey.of(
        address(r),
        text(r, PredictionColumns.STAGE),
        text(r, PredictionColumns.ERROR_CLASS),
        text(r, PredictionColumns.MESSAGE));
  }

  /** Avro strings arrive as {@code Utf8} after a coder: text either way. */
  private static String text(GenericRecord r, String column) {
    Object v = r.get(column);
    return v == null ? null : v.toString();
  }

  private static void setFloat(PreparedStatement s, int i, Object v) throws Exception {
    if (v == null) {
      s.setNull(i, Types.REAL);
    } else {
      s.setFloat(i, ((Number) v).floatValue());
    }
  }

  private static void setInt(PreparedStatement s, int i, Object v) throws Exception {
    if (v == null) {
      s.setNull(i, Types.INTEGER);
    } else {
      s.setInt(i, ((Number) v).intValue());
    }
  }

  private static Array reals(PreparedStatement s, Object list) throws Exception {
    if (list == null) {
      return null;
    }
    List<?> values = (List<?>) list;
    Float[] out = new Float[values.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = ((Number) values.get(k)).floatValue();
    }
    return s.getConnection().createArrayOf("float4", out);
  }
}
