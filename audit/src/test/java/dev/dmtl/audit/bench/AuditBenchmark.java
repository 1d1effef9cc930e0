package dev.dmtl.audit.bench;

import dev.dmtl.audit.AuditInputs;
import dev.dmtl.audit.Auditor;
import dev.dmtl.audit.config.AttributeOptions;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.config.BinRule;
import dev.dmtl.audit.input.FaceEncoder;
import dev.dmtl.audit.input.PredictionTable;
import dev.dmtl.audit.io.AuditCsv;
import dev.dmtl.audit.io.AuditJson;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.parquet.testing.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark of a full audit (read Parquet, all groups and intersections, gaps, bootstrap, coverage)
 * on synthetic UTKFace-like predictions. Not a test: run it on an idle machine, see
 * docs/BENCHMARKS.md and scripts/bench-audit.sh.
 *
 * <pre>
 * AuditBenchmark --rows 1000000 [--resamples 200] [--dir target/bench] [--threads 2] [--probabilities]
 *                [--attributes | --attributes-only] [--repeat 2]
 * </pre>
 *
 * The fixture is written once per (rows, probabilities, attributes) into {@code --dir} and reused.
 * {@code --attributes} writes the probability lists and an attribute file (capture site, 8 values,
 * and a light level binned into 5 quantile bins, each with an {@code unknown} group) and audits
 * each repeat twice in the same JVM: once as the audit ran before attribute files existed (the
 * model's tasks only) and once with the two attributes, so their cost is a ratio measured on the
 * same rows in one run ({@code --attributes-only}: only the second, for profiling). Each audit
 * prints its wall and CPU time, the time of writing JSON + CSV, and the peak heap used.
 */
public final class AuditBenchmark {

  private AuditBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = 100_000;
    int resamples = 200;
    Path dir = Path.of("target", "bench");
    int threads = Runtime.getRuntime().availableProcessors();
    boolean probabilities = false;
    boolean attributes = false;
    boolean withoutBase = false;
    int repeat = 2;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--resamples" -> resamples = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--probabilities" -> probabilities = true;
        case "--attributes" -> attributes = true;
        case "--attributes-only" -> {
          attributes = true;
          withoutBase = true;
        }
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    probabilities |= attributes;
    Path fixture =
        dir.resolve(
            "rows-" + rows + (probabilities ? "-probs" : "") + (attributes ? "-attributes" : ""));
    Path predictions = fixture.resolve("predictions.parquet");
    Path dead = fixture.resolve("dead-letters.parquet");
    Path attributeFile = fixture.resolve("attributes.csv");
    if (!Files.exists(predictions) || !Files.exists(dead)) {
      Files.createDirectories(fixture);
      long t = System.nanoTime();
      // about 3 % of inputs become dead letters, so ask for slightly more inputs than rows
      SyntheticRun.Files f =
          SyntheticRun.write(
              fixture,
              new SyntheticRun.Options(
                  (int) Math.round(rows / 0.972),
                  20240917L,
                  probabilities,
                  true,
                  true,
                  attributes));
      System.out.printf(
          "fixture: %,d prediction rows, %,d dead letters, %.1f MB, written in %.1f s%n",
          f.predictionRows(),
          f.deadLetterRows(),
          Files.size(predictions) / 1e6,
          (System.nanoTime() - t) / 1e9);
    }
    System.out.printf(
        "java %s, %d available processors, max heap %.0f MB, threads %d, resamples %d%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / 1e6,
        threads,
        resamples);
    AuditOptions base = AuditOptions.defaults().withResamples(resamples).withThreads(threads);
    List<AuditOptions> configurations = new ArrayList<>();
    if (!withoutBase) {
      configurations.add(base);
    }
    if (attributes) {
      configurations.add(
          base.withAttributes(
              new AttributeOptions(attributeFile.toString(), List.of(BinRule.parse("lux=q5")))));
    }
    for (int r = 1; r <= repeat; r++) {
      for (AuditOptions options : configurations) {
        run(r, options, predictions, dead, dir);
      }
    }
  }

  private static void run(int r, AuditOptions options, Path predictions, Path dead, Path dir)
      throws Exception {
    {
      System.gc();
      JvmProbe.resetPeaks();
      long c0 = JvmProbe.cpuNanos();
      long t0 = System.nanoTime();
      AuditResult result =
          new Auditor(options).audit(new AuditInputs(List.of(predictions), List.of(dead)));
      long t1 = System.nanoTime();
      long c1 = JvmProbe.cpuNanos();
      double peak = JvmProbe.peakHeapMb();
      Path out = Files.createDirectories(dir.resolve("out"));
      AuditJson.write(result, out.resolve("audit.json"), false);
      AuditCsv.write(result, out.resolve("csv"));
      long t2 = System.nanoTime();
      // reading alone (Parquet -> Tablesaw -> typed arrays), to split the audit's time
      long c2 = JvmProbe.cpuNanos();
      long t3 = System.nanoTime();
      PredictionTable table = PredictionTable.read(List.of(predictions));
      FaceEncoder.encode(
          table, options.labelSource(), options.calibrationBins(), new ArrayList<>());
      long t4 = System.nanoTime();
      long c3 = JvmProbe.cpuNanos();
      System.out.printf(
          "run %d%s: %,d rows, audit %.2f s wall / %.2f s CPU (of which reading %.2f s wall / %.2f s CPU), "
              + "JSON+CSV %.2f s, peak heap used %.0f MB, groups %d, gaps %d%n",
          r,
          options.attributes() == null ? "" : " with attributes",
          result.provenance().inputs().get(0).rows(),
          (t1 - t0) / 1e9,
          (c1 - c0) / 1e9,
          (t4 - t3) / 1e9,
          (c3 - c2) / 1e9,
          (t2 - t1) / 1e9,
          peak,
          result.groups().size(),
          result.gaps().size());
    }
  }
}
