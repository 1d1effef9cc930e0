package dev.dmtl.audit.testing;

import dev.dmtl.contract.labels.UtkFaceNames;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.contract.rows.Stage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A realistic synthetic {@code dmtl infer} run over UTKFace-like data: the prediction Parquet
 * (full column set, probability lists optional) with a {@code dmtl.run} footer, and the
 * dead-letter Parquet.
 *
 * <p>Population: 48 % female; race white 42 %, black 19 %, asian 15 %, indian 17 %, others 7 %;
 * ages 1–116 with UTKFace's shape (many babies, a peak in the late twenties, a long tail).
 * Model: gender ≈ 90 % accurate (≈ 70 % for children under 10), race ≈ 80 % (others ≈ 40 %,
 * indian ≈ 74 %), age error normal with SD growing with age (MAE ≈ 5 years), children
 * over-estimated and the elderly under-estimated. The detector misses more babies and elderly
 * faces (dead letters at NO_FACE), a few files do not decode, and one image in 200 holds a second,
 * lower-scored face. File names follow UTKFace ({@code age_gender_race_datetime.jpg.chip.jpg});
 * one in 1,000 lacks the race field, as in UTKFace, and then has no race label.
 */
public final class SyntheticRun {

  /** The SHA-256 the synthetic footer gives the model. */
  public static final String MODEL_SHA256 = "3f5a0c1e9b7d2468ace0f13579bdf02468ace13579bdf02468ace13579bdf024";

  private static final List<String> GENDERS = UtkFaceNames.GENDERS;
  private static final List<String> RACES = UtkFaceNames.RACES;
  private static final double[] RACE_SHARE = {0.42, 0.19, 0.15, 0.17, 0.07};
  private static final double[] RACE_ACCURACY = {0.89, 0.86, 0.83, 0.74, 0.40};
  private static final int MAX_RANK = 116;

  /**
   * @param inputs images to simulate
   * @param seed generator seed
   * @param withProbabilities write the probability and landmark lists (realistic width; the
   *     benchmark can leave them out to save disk)
   * @param labelColumns write {@code label_*} columns (else only the names carry labels)
   * @param footer write the {@code dmtl.run} footer (else the audit must infer tasks from columns)
   */
  public record Options(int inputs, long seed, boolean withProbabilities, boolean labelColumns, boolean footer) {
    public static Options realistic(int inputs, long seed) {
      return new Options(inputs, seed, true, true, true);
    }
  }

  /** Files written and counts. */
  public record Files(Path predictions, Path deadLetters, int predictionRows, int deadLetterRows) {}

  private SyntheticRun() {}

  public static String tasksJson() {
    StringBuilder ranks = new StringBuilder();
    for (int r = 1; r <= MAX_RANK; r++) {
      ranks.append(r == 1 ? "" : ",").append(r);
    }
    return "[{\"name\":\"age\",\"kind\":\"ordinal\",\"output\":\"age_logits\",\"ranks\":[" + ranks + "]},"
        + "{\"name\":\"gender\",\"kind\":\"nominal\",\"output\":\"gender_logits\",\"labels\":[\"male\",\"female\"]},"
        + "{\"name\":\"race\",\"kind\":\"nominal\",\"output\":\"race_logits\","
        + "\"labels\":[\"white\",\"black\",\"asian\",\"indian\",\"others\"]}]";
  }

  /** The footer JSON: contract metadata nested under "contract", tasks as a JSON string, as in ONNX metadata. */
  public static String runJson() {
    String tasks = tasksJson().replace("\"", "\\\"");
    return "{\"tool\":\"dmtl\",\"tool_version\":\"0.1.0-SNAPSHOT\",\"command\":\"infer\","
        + "\"model\":{\"path\":\"models/dmtl.onnx\",\"sha256\":\"" + MODEL_SHA256 + "\"},"
        + "\"contract\":{\"dmtl.contract\":\"1\",\"dmtl.tasks\":\"" + tasks + "\"},"
        + "\"options\":{\"runner\":\"direct\",\"batch\":32}}";
  }

  public static Schema predictionSchema(boolean withProbabilities, boolean labelColumns) {
    SchemaBuilder.FieldAssembler<Schema> f = SchemaBuilder.record("Prediction").namespace("dev.dmtl").fields()
        .requiredString(PredictionColumns.SOURCE)
        .optionalString(PredictionColumns.ENTRY)
        .requiredString(PredictionColumns.IMAGE_SHA256)
        .requiredInt(PredictionColumns.IMAGE_WIDTH)
        .requiredInt(PredictionColumns.IMAGE_HEIGHT)
        .requiredInt(PredictionColumns.FACE_INDEX)
        .requiredFloat(PredictionColumns.FACE_X)
        .requiredFloat(PredictionColumns.FACE_Y)
        .requiredFloat(PredictionColumns.FACE_W)
        .requiredFloat(PredictionColumns.FACE_H)
        .requiredFloat(PredictionColumns.FACE_SCORE);
    if (withProbabilities) {
      f = f.name(PredictionColumns.FACE_LANDMARKS).type().array().items().floatType().noDefault();
    }
    f = f.requiredInt(PredictionColumns.predicted("age")).requiredDouble(PredictionColumns.expected("age"));
    if (withProbabilities) {
      f = f.name(PredictionColumns.probabilities("age")).type().array().items().floatType().noDefault();
    }
    for (String t : List.of("gender", "race")) {
      f = f.requiredString(PredictionColumns.predicted(t));
      if (withProbabilities) {
        f = f.name(PredictionColumns.probabilities(t)).type().array().items().floatType().noDefault();
      }
      f = f.requiredFloat(PredictionColumns.confidence(t));
    }
    if (labelColumns) {
      f = f.optionalInt(PredictionColumns.label("age"))
          .optionalInt(PredictionColumns.labelMin("age"))
          .optionalInt(PredictionColumns.labelMax("age"))
          .optionalString(PredictionColumns.label("gender"))
          .optionalString(PredictionColumns.label("race"));
    }
    return f.endRecord();
  }

  public static Schema deadLetterSchema() {
    return SchemaBuilder.record("DeadLetter").namespace("dev.dmtl").fields()
        .requiredString(PredictionColumns.SOURCE)
        .optionalString(PredictionColumns.ENTRY)
        .requiredString(PredictionColumns.STAGE)
        .requiredString(PredictionColumns.ERROR_CLASS)
        .requiredString(PredictionColumns.MESSAGE)
        .endRecord();
  }

  public static Files write(Path dir, Options o) throws IOException {
    Path predictions = dir.resolve("predictions.parquet");
    Path dead = dir.resolve("dead-letters.parquet");
    Schema ps = predictionSchema(o.withProbabilities(), o.labelColumns());
    Schema ds = deadLetterSchema();
    Map<String, String> footer = o.footer() ? Map.of(PredictionColumns.FOOTER_PROVENANCE, runJson()) : Map.of();
    SplittableRandom rng = new SplittableRandom(o.seed());
    int predictionRows = 0;
    int deadRows = 0;
    try (ParquetFixtureWriter pw = new ParquetFixtureWriter(predictions, ps, footer);
        ParquetFixtureWriter dw = new ParquetFixtureWriter(dead, ds, Map.of())) {
      for (int i = 0; i < o.inputs(); i++) {
        int gender = rng.nextDouble() < 0.48 ? 1 : 0;
        int race = pick(rng, RACE_SHARE);
        int age = sampleAge(rng);
        boolean raceInName = rng.nextDouble() >= 0.001;
        String name = age + "_" + gender + "_" + (raceInName ? race + "_" : "") + datetime(rng) + ".jpg.chip.jpg";
        String source = "/data/utkface/" + name;
        double miss = 0.02 + (age < 5 ? 0.04 : 0) + (age > 75 ? 0.03 : 0) + (race == 1 ? 0.01 : 0);
        double u = rng.nextDouble();
        if (u < 0.003) {
          dw.write(dead(ds, source, Stage.DECODE, "IIOException", "Unsupported Image Type"));
          deadRows++;
          continue;
        }
        if (u < 0.003 + miss) {
          dw.write(dead(ds, source, Stage.NO_FACE, "NoFaceFound", "no face above score 0.6"));
          deadRows++;
          continue;
        }
        int faces = rng.nextDouble() < 0.005 ? 2 : 1;
        for (int face = 0; face < faces; face++) {
          pw.write(prediction(ps, rng, o, source, face, age, gender, race, raceInName));
          predictionRows++;
        }
      }
    }
    return new Files(predictions, dead, predictionRows, deadRows);
  }

  private static GenericRecord dead(Schema s, String source, Stage stage, String errorClass, String message) {
    GenericRecord r = new GenericData.Record(s);
    r.put(PredictionColumns.SOURCE, source);
    r.put(PredictionColumns.ENTRY, null);
    r.put(PredictionColumns.STAGE, stage.name());
    r.put(PredictionColumns.ERROR_CLASS, errorClass);
    r.put(PredictionColumns.MESSAGE, message);
    return r;
  }

  private static GenericRecord prediction(Schema s, SplittableRandom rng, Options o, String source, int face, int age,
      int gender, int race, boolean raceLabelled) {
    GenericRecord r = new GenericData.Record(s);
    r.put(PredictionColumns.SOURCE, source);
    r.put(PredictionColumns.ENTRY, null);
    r.put(PredictionColumns.IMAGE_SHA256, Long.toHexString(rng.nextLong()) + Long.toHexString(rng.nextLong()));
    r.put(PredictionColumns.IMAGE_WIDTH, 200);
    r.put(PredictionColumns.IMAGE_HEIGHT, 200);
    r.put(PredictionColumns.FACE_INDEX, face);
    r.put(PredictionColumns.FACE_X, (float) (20 + rng.nextDouble() * 10));
    r.put(PredictionColumns.FACE_Y, (float) (20 + rng.nextDouble() * 10));
    r.put(PredictionColumns.FACE_W, (float) (150 + rng.nextDouble() * 20));
    r.put(PredictionColumns.FACE_H, (float) (150 + rng.nextDouble() * 20));
    // a second face is a smaller, less certain detection
    r.put(PredictionColumns.FACE_SCORE, (float) (face == 0 ? 0.8 + 0.2 * rng.nextDouble() : 0.6 + 0.2 * rng.nextDouble()));
    if (o.withProbabilities()) {
      List<Float> lm = new ArrayList<>(10);
      for (int k = 0; k < 10; k++) {
        lm.add((float) (60 + rng.nextDouble() * 80));
      }
      r.put(PredictionColumns.FACE_LANDMARKS, lm);
    }

    // age: normal error with SD growing with age, children over- and the elderly under-estimated
    double bias = age < 10 ? 1.0 : age > 60 ? -0.12 * (age - 60) : 0.0;
    double sd = 2.0 + 0.13 * age;
    double expected = clamp(age + bias + sd * gaussian(rng), 1, MAX_RANK);
    int rank = (int) clamp(Math.round(expected + 0.6 * gaussian(rng)), 1, MAX_RANK);
    r.put(PredictionColumns.predicted("age"), rank);
    r.put(PredictionColumns.expected("age"), expected);
    if (o.withProbabilities()) {
      List<Float> p = new ArrayList<>(MAX_RANK - 1);
      for (int k = 1; k < MAX_RANK; k++) {
        p.add((float) (1 / (1 + Math.exp(-(expected - (k + 0.5)) / 1.5))));
      }
      r.put(PredictionColumns.probabilities("age"), p);
    }

    double genderAccuracy = (age < 10 ? 0.70 : age > 70 ? 0.88 : 0.93) - (race == 4 ? 0.03 : 0);
    int genderPred = rng.nextDouble() < genderAccuracy ? gender : 1 - gender;
    putNominal(r, rng, o, "gender", GENDERS, genderPred, genderPred == gender);

    int racePred = race;
    if (rng.nextDouble() >= RACE_ACCURACY[race]) {
      double[] w = RACE_SHARE.clone();
      w[race] = 0;
      racePred = pick(rng, w);
    }
    putNominal(r, rng, o, "race", RACES, racePred, racePred == race);

    if (o.labelColumns()) {
      r.put(PredictionColumns.label("age"), age);
      r.put(PredictionColumns.labelMin("age"), null);
      r.put(PredictionColumns.labelMax("age"), null);
      r.put(PredictionColumns.label("gender"), GENDERS.get(gender));
      r.put(PredictionColumns.label("race"), raceLabelled ? RACES.get(race) : null);
    }
    return r;
  }

  private static void putNominal(GenericRecord r, SplittableRandom rng, Options o, String task, List<String> labels,
      int predicted, boolean correct) {
    double confidence = correct ? 0.70 + 0.30 * Math.sqrt(rng.nextDouble()) : 0.45 + 0.40 * rng.nextDouble();
    confidence = Math.max(confidence, 1.0 / labels.size() + 1e-3);
    r.put(PredictionColumns.predicted(task), labels.get(predicted));
    r.put(PredictionColumns.confidence(task), (float) confidence);
    if (o.withProbabilities()) {
      List<Float> p = new ArrayList<>(labels.size());
      double rest = (1 - confidence) / (labels.size() - 1);
      for (int c = 0; c < labels.size(); c++) {
        p.add((float) (c == predicted ? confidence : rest));
      }
      r.put(PredictionColumns.probabilities(task), p);
    }
  }

  /** UTKFace-like ages: babies, children, a peak in the late twenties, middle age, a long tail. */
  static int sampleAge(SplittableRandom rng) {
    double u = rng.nextDouble();
    if (u < 0.09) {
      return 1 + rng.nextInt(4);
    }
    if (u < 0.17) {
      return 5 + rng.nextInt(10);
    }
    if (u < 0.75) {
      // triangular on 15..45 peaking at 27
      double a = 15;
      double b = 45;
      double c = 27;
      double v = rng.nextDouble();
      double x = v < (c - a) / (b - a) ? a + Math.sqrt(v * (b - a) * (c - a)) : b - Math.sqrt((1 - v) * (b - a) * (b - c));
      return (int) Math.round(x);
    }
    if (u < 0.93) {
      return 46 + rng.nextInt(25);
    }
    if (u < 0.998) {
      return 71 + rng.nextInt(30);
    }
    return 101 + rng.nextInt(16);
  }

  private static String datetime(SplittableRandom rng) {
    return String.format("2017%02d%02d%02d%02d%02d%03d", 1 + rng.nextInt(12), 1 + rng.nextInt(28), rng.nextInt(24),
        rng.nextInt(60), rng.nextInt(60), rng.nextInt(1000));
  }

  private static int pick(SplittableRandom rng, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = rng.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private static double gaussian(SplittableRandom rng) {
    // Box–Muller: SplittableRandom has no nextGaussian on Java 17
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static double clamp(double x, double lo, double hi) {
    return Math.max(lo, Math.min(hi, x));
  }
}
