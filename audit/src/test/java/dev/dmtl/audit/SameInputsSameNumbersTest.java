package dev.dmtl.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dmtl.audit.config.AttributeOptions;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.config.BinRule;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.parquet.ParquetFile;
import dev.dmtl.parquet.ParquetRowWriter;
import dev.dmtl.parquet.testing.SyntheticRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same inputs give the same numbers, however the pipeline happened to write them: rows in
 * another order and spread over other files (as Flink workers write them) give an identical audit,
 * intervals and flags included, because rows are put in a canonical order and the bootstrap draws
 * images in that order.
 */
class SameInputsSameNumbersTest {

  @TempDir Path dir;

  /** Rewrites a Parquet file's rows, reversed, alternately into {@code parts} files. */
  private static List<Path> shuffled(Path file, Path out, int parts) throws IOException {
    ParquetFile f = ParquetFile.open(file);
    Schema schema = f.projection(f.columnNames());
    List<GenericRecord> rows = new ArrayList<>();
    f.read(schema, rows::add);
    Collections.reverse(rows);
    Map<String, String> footer = SyntheticRun.footer();
    List<Path> files = new ArrayList<>();
    List<ParquetRowWriter> writers = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      Path p = out.resolve(file.getFileName() + "." + i + ".parquet");
      files.add(p);
      writers.add(ParquetRowWriter.to(p, schema, footer));
    }
    for (int r = 0; r < rows.size(); r++) {
      writers.get(r % parts).write(rows.get(r));
    }
    for (ParquetRowWriter w : writers) {
      w.close();
    }
    return files;
  }

  /** Everything an audit concludes, without when and from which files it ran. */
  private static String numbers(AuditResult r) {
    return DmtlJson.compact(
        List.of(
            r.attributes(),
            r.groups(),
            r.gaps(),
            r.confusionMatrices(),
            r.reliability(),
            r.significance(),
            r.coverage()));
  }

  @Test
  void rowOrderAndFileSplitDoNotChangeAnyNumber() throws Exception {
    SyntheticRun.Files files =
        SyntheticRun.write(dir, SyntheticRun.Options.withAttributes(3000, 11L));
    Path other = java.nio.file.Files.createDirectories(dir.resolve("other"));
    List<Path> predictions = shuffled(files.predictions(), other, 3);
    List<Path> deadLetters = shuffled(files.deadLetters(), other, 2);
    AuditOptions options =
        AuditOptions.defaults()
            .withResamples(60)
            .withThreads(2)
            .withMinGroupSize(10)
            .withMaxIntersection(2)
            .withAttributes(
                new AttributeOptions(
                    files.attributes().toString(), List.of(BinRule.parse("lux=q5"))));
    AuditResult written =
        new Auditor(options)
            .audit(new AuditInputs(List.of(files.predictions()), List.of(files.deadLetters())));
    AuditResult rewritten =
        new Auditor(options.withThreads(1)).audit(new AuditInputs(predictions, deadLetters));
    assertEquals(numbers(written), numbers(rewritten));
  }
}
