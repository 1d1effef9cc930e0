package dev.dmtl.reports.testing;

import dev.dmtl.contract.labels.FaceLabels;
import dev.dmtl.contract.labels.UtkFaceNames;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.contract.rows.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A realistic synthetic {@code dmtl infer} output for report tests: prediction Parquet (with the
 * {@code dmtl.run} footer naming the model and its tasks) and dead-letter Parquet. The population
 * and error model follow UTKFace and a small DMTL model: gender ≈ 91 % right (≈ 70 % for children),
 * race ≈ 82 % ("others" ≈ 40 %), age error growing with age, the detector missing more babies.
 */
public final class SyntheticRun {

  public static final String MODEL_SHA256 = "7e0d5b1c2a39485f6e7d8c9b0a1f2e3d4c5b6a79881726354453627181909aab";

  static final List<String> GENDERS = UtkFaceNames.GENDERS;
  static final List<String> RACES = UtkFaceNames.RACES;
  private static final double[] RACE_SHARE = {0.42, 0.19, 0.15, 0.17, 0.07};
  private static final double[] RACE_ACCURACY = {0.89, 0.86, 0.83, 0.74, 0.40};

  /** Files written. */
  public record Files(Path predictions, Path deadLetters) {}

  private SyntheticRun() {}

  public static Schema predictionSchema() {
    return SchemaBuilder.record("Prediction").namespace("dev.dmtl").fields()
        .requiredString(PredictionColumns.SOURCE)
        .optionalString(PredictionColumns.ENTRY)
        .requiredInt(PredictionColumns.FACE_INDEX)
        .requiredFloat(PredictionColumns.FACE_X)
        .requiredFloat(PredictionColumns.FACE_Y)
        .requiredFloat(PredictionColumns.FACE_W)
        .requiredFloat(PredictionColumns.FACE_H)
        .requiredFloat(PredictionColumns.FACE_SCORE)
        .requiredInt(PredictionColumns.predicted("age"))
        .requiredDouble(PredictionColumns.expected("age"))
        .requiredString(PredictionColumns.predicted("gender"))
        .requiredFloat(PredictionColumns.confidence("gender"))
        .requiredString(PredictionColumns.predicted("race"))
        .requiredFloat(PredictionColumns.confidence("race"))
        .optionalInt(PredictionColumns.label("age"))
        .optionalString(PredictionColumns.label("gender"))
        .optionalString(PredictionColumns.label("race"))
        .endRecord();
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

  /** The footer: model SHA-256 and the contract's task list, as {@code dmtl infer} writes them. */
  public static Map<String, String> footer() {
    StringBuilder ranks = new StringBuilder();
    for (int r = 1; r <= 116; r++) {
      ranks.append(r == 1 ? "" : ",").append(r);
    }
    String tasks = "[{\"name\":\"age\",\"kind\":\"ordinal\",\"output\":\"age_logits\",\"ranks\":[" + ranks + "]},"
        + "{\"name\":\"gender\",\"kind\":\"nominal\",\"output\":\"gender_logits\",\"labels\":[\"male\",\"female\"]},"
        + "{\"name\":\"race\",\"kind\":\"nominal\",\"output\":\"race_logits\","
        + "\"labels\":[\"white\",\"black\",\"asian\",\"indian\",\"others\"]}]";
    return Map.of(PredictionColumns.FOOTER_PROVENANCE, "{\"tool\":\"dmtl\",\"model\":{\"sha256\":\"" + MODEL_SHA256
        + "\"},\"tasks\":" + tasks + "}");
  }

  /** {@code inputs} UTKFace-like inputs under fake paths {@code /data/utkface/…}. */
  public static Files write(Path dir, int inputs, long seed) throws IOException {
    Path predictions = dir.resolve("predictions.parquet");
    Path dead = dir.resolve("dead-letters.parquet");
    SplittableRandom rng = new SplittableRandom(seed);
    try (ParquetTestWriter pw = new ParquetTestWriter(predictions, predictionSchema(), footer());
        ParquetTestWriter dw = new ParquetTestWriter(dead, deadLetterSchema(), Map.of())) {
      for (int i = 0; i < inputs; i++) {
        int gender = rng.nextDouble() < 0.48 ? 1 : 0;
        int race = pick(rng, RACE_SHARE);
        int age = sampleAge(rng);
        String source = "/data/utkface/" + age + "_" + gender + "_" + race + "_2017" + String.format("%010d", i)
            + ".jpg.chip.jpg";
        double miss = 0.02 + (age < 5 ? 0.05 : 0) + (age > 75 ? 0.03 : 0) + (race == 1 ? 0.012 : 0);
        double u = rng.nextDouble();
        if (u < 0.004) {
          dw.write(dead(source, Stage.DECODE, "IIOException", "Unsupported Image Type"));
        } else if (u < 0.005) {
          dw.write(dead(source, Stage.READ, "AccessDeniedException", source + ": permission denied"));
        } else if (u < 0.005 + miss) {
          dw.write(dead(source, Stage.NO_FACE, "NoFaceFound", "no face above score 0.6"));
        } else {
          pw.write(prediction(rng, source, age, gender, race));
        }
      }
    }
    return new Files(predictions, dead);
  }

  /**
   * Predictions for the bundled UTKFace sample images (real files, labels from their names), with
   * synthetic model answers: for crops of the opt-in examples.
   */
  public static Path writeSample(Path dir, Path sampleDir, long seed) throws IOException {
    Path predictions = dir.resolve("sample-predictions.parquet");
    SplittableRandom rng = new SplittableRandom(seed);
    List<Path> images;
    try (Stream<Path> s = java.nio.file.Files.list(sampleDir)) {
      images = s.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted().toList();
    }
    try (ParquetTestWriter pw = new ParquetTestWriter(predictions, predictionSchema(), footer())) {
      for (Path image : images) {
        FaceLabels labels = UtkFaceNames.parse(image.getFileName().toString()).orElse(FaceLabels.NONE);
        if (labels.age() == null || labels.gender() == null || labels.race() == null) {
          continue;
        }
        pw.write(prediction(rng, image.toAbsolutePath().toString(), labels.age(), GENDERS.indexOf(labels.gender()),
            RACES.indexOf(labels.race())));
      }
    }
    return predictions;
  }

  private static GenericRecord dead(String source, Stage stage, String errorClass, String message) {
    GenericRecord r = new GenericData.Record(deadLetterSchema());
    r.put(PredictionColumns.SOURCE, source);
    r.put(PredictionColumns.ENTRY, null);
    r.put(PredictionColumns.STAGE, stage.name());
    r.put(PredictionColumns.ERROR_CLASS, errorClass);
    r.put(PredictionColumns.MESSAGE, message);
    return r;
  }

  private static GenericRecord prediction(SplittableRandom rng, String source, int age, int gender, int race) {
    GenericRecord r = new GenericData.Record(predictionSchema());
    r.put(PredictionColumns.SOURCE, source);
    r.put(PredictionColumns.ENTRY, null);
    r.put(PredictionColumns.FACE_INDEX, 0);
    r.put(PredictionColumns.FACE_X, 0f);
    r.put(PredictionColumns.FACE_Y, 0f);
    r.put(PredictionColumns.FACE_W, 200f);
    r.put(PredictionColumns.FACE_H, 200f);
    r.put(PredictionColumns.FACE_SCORE, (float) (0.8 + 0.2 * rng.nextDouble()));
    double bias = age < 10 ? 1.0 : age > 60 ? -0.12 * (age - 60) : 0.0;
    double sd = 2.0 + 0.13 * age;
    double expected = clamp(age + bias + sd * gaussian(rng), 1, 116);
    int rank = (int) clamp(Math.round(expected + 0.6 * gaussian(rng)), 1, 116);
    r.put(PredictionColumns.predicted("age"), rank);
    r.put(PredictionColumns.expected("age"), expected);
    double genderAccuracy = (age < 10 ? 0.70 : age > 70 ? 0.88 : 0.93) - (race == 4 ? 0.03 : 0);
    int genderPred = rng.nextDouble() < genderAccuracy ? gender : 1 - gender;
    r.put(PredictionColumns.predicted("gender"), GENDERS.get(genderPred));
    r.put(PredictionColumns.confidence("gender"), confidence(rng, genderPred == gender, 2));
    int racePred = race;
    if (rng.nextDouble() >= RACE_ACCURACY[race]) {
      double[] w = RACE_SHARE.clone();
      w[race] = 0;
      racePred = pick(rng, w);
    }
    r.put(PredictionColumns.predicted("race"), RACES.get(racePred));
    r.put(PredictionColumns.confidence("race"), confidence(rng, racePred == race, 5));
    r.put(PredictionColumns.label("age"), age);
    r.put(PredictionColumns.label("gender"), GENDERS.get(gender));
    r.put(PredictionColumns.label("race"), RACES.get(race));
    return r;
  }

  private static float confidence(SplittableRandom rng, boolean correct, int classes) {
    double c = correct ? 0.70 + 0.30 * Math.sqrt(rng.nextDouble()) : 0.45 + 0.40 * rng.nextDouble();
    return (float) Math.max(c, 1.0 / classes + 1e-3);
  }

  static int sampleAge(SplittableRandom rng) {
    double u = rng.nextDouble();
    if (u < 0.09) {
      return 1 + rng.nextInt(4);
    }
    if (u < 0.17) {
      return 5 + rng.nextInt(10);
    }
    if (u < 0.75) {
      double v = rng.nextDouble();
      double x = v < 0.4 ? 15 + Math.sqrt(v * 30 * 12) : 45 - Math.sqrt((1 - v) * 30 * 18);
      return (int) Math.round(x);
    }
    if (u < 0.93) {
      return 46 + rng.nextInt(25);
    }
    return 71 + rng.nextInt(30);
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
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static double clamp(double x, double lo, double hi) {
    return Math.max(lo, Math.min(hi, x));
  }
}
