package dev.dmtl.audit.bench;

import dev.dmtl.audit.AuditInputs;
import dev.dmtl.audit.Auditor;
import dev.dmtl.audit.compare.ChangesFiles;
import dev.dmtl.audit.compare.ComparisonResult;
import dev.dmtl.audit.compare.ModelComparison;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.contract.labels.UtkFaceNames;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.parquet.ParquetFile;
import dev.dmtl.parquet.ParquetRowWriter;
import dev.dmtl.parquet.testing.SyntheticRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Benchmark of {@code dmtl compare}: two runs of different (synthetic) models over the same
 * 1,000,000 faces, paired bootstrap with 200 resamples, both sides audited on every resample. Not a
 * test: run it on an idle machine, see docs/BENCHMARKS.md and scripts/bench-compare.sh.
 *
 * <pre>
 * CompareBenchmark --rows 1000000 [--resamples 200] [--dir target/bench] [--threads 2] [--repeat 2]
 *                  [--with-audit]
 * </pre>
 *
 * {@code --with-audit} also audits the baseline alone (as {@code dmtl audit} would) in each repeat,
 * so that the comparison's cost is a ratio to one audit measured in the same run.
 *
 * <p>The baseline is {@link SyntheticRun}'s realistic run (probability lists included, so
 * calibration is compared too); the candidate is the same rows with 8 % of gender answers flipped,
 * 4 % of race answers moved to another race and every age shifted by a small random error: a model
 * that agrees with the baseline on most faces, as two versions of one model do. Both are written
 * once into {@code --dir} and reused. Each comparison prints its wall and CPU time, the time of
 * writing changes.json + changes.csv, and the peak heap used.
 */
public final class CompareBenchmark {

  private CompareBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = 100_000;
    int resamples = 200;
    Path dir = Path.of("target", "bench");
    int threads = Runtime.getRuntime().availableProcessors();
    int repeat = 2;
    boolean withAudit = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--resamples" -> resamples = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--with-audit" -> withAudit = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path fixture = dir.resolve("compare-rows-" + rows);
    Path baseline = fixture.resolve("baseline").resolve("predictions.parquet");
    Path candidate = fixture.resolve("candidate").resolve("predictions.parquet");
    if (!Files.exists(baseline) || !Files.exists(candidate)) {
      long t = System.nanoTime();
      Files.createDirectories(candidate.getParent());
      // about 3 % of inputs become dead letters, so ask for slightly more inputs than rows
      SyntheticRun.Files f =
          SyntheticRun.write(
              baseline.getParent(),
              SyntheticRun.Options.realistic((int) Math.round(rows / 0.972), 20240917L));
      long written = writeCandidate(baseline, candidate, 7L);
      System.out.printf(
          "fixture: %,d baseline rows, %,d candidate rows, %.1f + %.1f MB, written in %.1f s%n",
          f.predictionRows(),
          written,
          Files.size(baseline) / 1e6,
          Files.size(candidate) / 1e6,
          (System.nanoTime() - t) / 1e9);
    }
    System.out.printf(
        "java %s, %d available processors, max heap %.0f MB, threads %d, resamples %d%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / 1e6,
        threads,
        resamples);
    AuditOptions options = AuditOptions.defaults().withResamples(resamples).withThreads(threads);
    for (int r = 1; r <= repeat; r++) {
      if (withAudit) {
        System.gc();
        JvmProbe.resetPeaks();
        long c0 = JvmProbe.cpuNanos();
        long t0 = System.nanoTime();
        AuditResult audit =
            new Auditor(options).audit(new AuditInputs(List.of(baseline), List.of()));
        System.out.printf(
            "run %d: audit of the baseline alone %.2f s wall / %.2f s CPU, peak heap used %.0f MB,"
                + " %,d groups%n",
            r,
            (System.nanoTime() - t0) / 1e9,
            (JvmProbe.cpuNanos() - c0) / 1e9,
            JvmProbe.peakHeapMb(),
            audit.groups().size());
      }
      System.gc();
      JvmProbe.resetPeaks();
      long c0 = JvmProbe.cpuNanos();
      long t0 = System.nanoTime();
      ComparisonResult result =
          new ModelComparison(options, List.of(), Clock.systemUTC())
              .compare(List.of(baseline), List.of(candidate));
      long t1 = System.nanoTime();
      long c1 = JvmProbe.cpuNanos();
      double peak = JvmProbe.peakHeapMb();
      ChangesFiles.write(result, Files.createDirectories(dir.resolve("compare-out")), false);
      long t2 = System.nanoTime();
      System.out.printf(
          "run %d: %,d paired faces, compare %.2f s wall / %.2f s CPU, changes.json+csv %.2f s, "
              + "peak heap used %.0f MB, %,d changes%n",
          r,
          result.overlap().both(),
          (t1 - t0) / 1e9,
          (c1 - c0) / 1e9,
          (t2 - t1) / 1e9,
          peak,
          result.metrics().size() + result.gaps().size());
    }
  }

  /**
   * Streams the baseline's rows into the candidate's file, changing some answers; probability lists
   * follow the changed answer, so calibration stays meaningful.
   */
  private static long writeCandidate(Path baseline, Path candidate, long seed) throws IOException {
    ParquetFile in = ParquetFile.open(baseline);
    Schema schema = SyntheticRun.predictionSchema(true, true);
    SplittableRandom rng = new SplittableRandom(seed);
    long[] written = {0};
    try (ParquetRowWriter w = ParquetRowWriter.to(candidate, schema, SyntheticRun.footer())) {
      IOException[] failure = {null};
      in.read(
          in.columnNames(),
          r -> {
            if (failure[0] != null) {
              return;
            }
            GenericRecord copy = new GenericData.Record(schema);
            for (Schema.Field f : schema.getFields()) {
              Object v = r.get(f.name());
              copy.put(f.name(), v instanceof CharSequence s ? s.toString() : v);
            }
            change(copy, rng);
            try {
              w.write(copy);
              written[0]++;
            } catch (IOException e) {
              failure[0] = e;
            }
          });
      if (failure[0] != null) {
        throw failure[0];
      }
    }
    return written[0];
  }

  private static void change(GenericRecord r, SplittableRandom rng) {
    if (rng.nextDouble() < 0.08) {
      moveAnswer(r, "gender", UtkFaceNames.GENDERS, 1 - answer(r, "gender", UtkFaceNames.GENDERS));
    }
    if (rng.nextDouble() < 0.04) {
      int old = answer(r, "race", UtkFaceNames.RACES);
      int other =
          (old + 1 + rng.nextInt(UtkFaceNames.RACES.size() - 1)) % UtkFaceNames.RACES.size();
      moveAnswer(r, "race", UtkFaceNames.RACES, other);
    }
    double expected =
        ((Number) r.get(PredictionColumns.expected("age"))).doubleValue()
            + 0.3
            + 1.5 * (rng.nextDouble() - 0.5);
    expected = Math.max(1, Math.min(116, expected));
    r.put(PredictionColumns.expected("age"), expected);
    r.put(PredictionColumns.predicted("age"), (int) Math.round(expected));
  }

  private static int answer(GenericRecord r, String task, List<String> labels) {
    return labels.indexOf(r.get(PredictionColumns.predicted(task)).toString());
  }

  /** The new answer takes the old answer's probability (the two entries are swapped). */
  private static void moveAnswer(GenericRecord r, String task, List<String> labels, int to) {
    int from = answer(r, task, labels);
    r.put(PredictionColumns.predicted(task), labels.get(to));
    @SuppressWarnings("unchecked")
    List<Float> p = new ArrayList<>((List<Float>) r.get(PredictionColumns.probabilities(task)));
    Collections.swap(p, from, to);
    r.put(PredictionColumns.probabilities(task), p);
  }
}
