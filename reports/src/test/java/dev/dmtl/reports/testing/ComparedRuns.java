package dev.dmtl.reports.testing;

import dev.dmtl.audit.compare.ComparisonRefusedException;
import dev.dmtl.audit.compare.ComparisonResult;
import dev.dmtl.audit.compare.DeltaRule;
import dev.dmtl.audit.compare.ModelComparison;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.contract.labels.UtkFaceNames;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.parquet.ParquetFile;
import dev.dmtl.parquet.ParquetRowWriter;
import dev.dmtl.parquet.testing.SyntheticRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A comparison computed by the audit's engine from two synthetic runs: a baseline run and a
 * candidate over the same faces with a share of its gender predictions flipped and a few rows left
 * out (so the overlap is not the whole of either side).
 */
public final class ComparedRuns {

  private ComparedRuns() {}

  /** Writes both runs under {@code dir} and compares them with 100 paired resamples. */
  public static ComparisonResult compare(Path dir) throws IOException {
    Files.createDirectories(dir);
    SyntheticRun.Files base =
        SyntheticRun.write(
            dir.resolve("baseline"), new SyntheticRun.Options(1500, 11L, false, true, true));
    Path candidate = candidate(base.predictions(), dir.resolve("candidate.parquet"), 0.08, 0.03);
    try {
      return new ModelComparison(
              AuditOptions.defaults().withResamples(100).withSeed(42).withThreads(2),
              List.of(
                  DeltaRule.parse("delta(gender.accuracy)<-0.02"),
                  DeltaRule.parse("delta(race.accuracy.gap@gender)>0.05")),
              Clock.fixed(Instant.parse("2025-11-21T08:02:00Z"), ZoneOffset.UTC))
          .compare(List.of(base.predictions()), List.of(candidate));
    } catch (ComparisonRefusedException e) {
      throw new IllegalStateException("the synthetic runs overlap: " + e.getMessage(), e);
    }
  }

  /** The baseline's rows, {@code flip} of the gender predictions flipped, {@code drop} left out. */
  private static Path candidate(Path baseline, Path out, double flip, double drop)
      throws IOException {
    ParquetFile in = ParquetFile.open(baseline);
    Schema schema = SyntheticRun.predictionSchema(false, true);
    List<GenericRecord> rows = new ArrayList<>();
    in.read(in.columnNames(), rows::add);
    SplittableRandom rng = new SplittableRandom(5);
    String gender = PredictionColumns.predicted("gender");
    try (ParquetRowWriter w = ParquetRowWriter.to(out, schema, SyntheticRun.footer())) {
      for (GenericRecord r : rows) {
        boolean flipIt = rng.nextDouble() < flip;
        if (rng.nextDouble() < drop) {
          continue;
        }
        GenericRecord copy = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
          Object v = r.get(f.name());
          copy.put(f.name(), v instanceof CharSequence s ? s.toString() : v);
        }
        Object g = copy.get(gender);
        if (flipIt && g != null) {
          List<String> genders = UtkFaceNames.GENDERS;
          copy.put(gender, genders.get(1 - genders.indexOf(g.toString())));
        }
        w.write(copy);
      }
    }
    return out;
  }
}
