package dev.dmtl.audit.compare;

import dev.dmtl.contract.labels.UtkFaceNames;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.parquet.ParquetFile;
import dev.dmtl.parquet.ParquetRowWriter;
import dev.dmtl.parquet.testing.SyntheticRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A second model's predictions over the same faces as a synthetic run: the baseline's rows with a
 * share of the gender predictions flipped (a model that agrees on most faces), some rows left out,
 * or the race task left out.
 */
public final class CandidateFiles {

  private CandidateFiles() {}

  /**
   * @param flip share of rows whose gender prediction is flipped
   * @param drop share of rows left out
   * @param withoutRace leave the race columns and the footer out (a different task set)
   */
  public static Path write(
      Path baseline, Path out, double flip, double drop, boolean withoutRace, long seed)
      throws IOException {
    ParquetFile in = ParquetFile.open(baseline);
    Schema full = SyntheticRun.predictionSchema(false, true);
    Schema schema = withoutRace ? withoutRace(full) : full;
    List<GenericRecord> rows = new ArrayList<>();
    in.read(in.columnNames(), rows::add);
    SplittableRandom rng = new SplittableRandom(seed);
    Map<String, String> footer = withoutRace ? Map.of() : SyntheticRun.footer();
    try (ParquetRowWriter w = ParquetRowWriter.to(out, schema, footer)) {
      for (GenericRecord r : rows) {
        boolean flipIt = rng.nextDouble() < flip;
        if (rng.nextDouble() < drop) {
          continue;
        }
        GenericRecord copy = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
          Object v = r.get(f.name());
          copy.put(f.name(), v == null ? null : v instanceof CharSequence s ? s.toString() : v);
        }
        Object g = copy.get(PredictionColumns.predicted("gender"));
        if (flipIt && g != null) {
          List<String> genders = UtkFaceNames.GENDERS;
          copy.put(
              PredictionColumns.predicted("gender"),
              genders.get(1 - genders.indexOf(g.toString())));
        }
        w.write(copy);
      }
    }
    return out;
  }

  private static Schema withoutRace(Schema full) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : full.getFields()) {
      if (!f.name().contains("race")) {
        fields.add(new Schema.Field(f.name(), f.schema(), f.doc(), f.defaultVal()));
      }
    }
    return Schema.createRecord(full.getName(), full.getDoc(), full.getNamespace(), false, fields);
  }
}
