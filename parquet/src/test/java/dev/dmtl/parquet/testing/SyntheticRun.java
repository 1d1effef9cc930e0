package dev.dmtl.parquet.testing;

import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.labels.FaceLabels;
import dev.dmtl.contract.labels.UtkFaceNames;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.contract.run.RunProvenance;
import dev.dmtl.parquet.ParquetRowWriter;
import dev.dmtl.parquet.PredictionSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A realistic synthetic {@code dmtl infer} run over UTKFace-like data, written with the pipeline's
 * own schemas ({@link PredictionSchema}) and footer ({@link RunProvenance}): the prediction Parquet
 * (probability lists optional) and the dead-letter Parquet. The one fixture writer of the project's
 * tests (audit, reports, cli), shared through this module's test jar.
 *
 * <p>Population: 48 % female; race white 42 %, black 19 %, asian 15 %, indian 17 %, others 7 %;
 * ages 1–116 with UTKFace's shape (many babies, a peak in the late twenties, a long tail). Model:
 * gender ≈ 90 % accurate (≈ 70 % for children under 10), race ≈ 80 % (others ≈ 40 %, indian ≈ 74
 * %), age error normal with SD growing with age (MAE ≈ 5 years), children over-estimated and the
 * elderly under-estimated. The detector misses more babies and elderly faces (dead letters at
 * NO_FACE), a few files do not decode or cannot be read, and one image in 200 holds a second,
 * lower-scored face. File names follow UTKFace ({@code age_gender_race_datetime.jpg.chip.jpg}); one
 * in 1,000 lacks the race field, as in UTKFace, and then has no race label.
 */
public final class SyntheticRun {

  /** The SHA-256 the synthetic footer gives the model. */
  public static final String MODEL_SHA256 =
      "3f5a0c1e9b7d2468ace0f13579bdf02468ace13579bdf02468ace13579bdf024";

  private static final List<String> GENDERS = UtkFaceNames.GENDERS;
  private static final List<String> RACES = UtkFaceNames.RACES;
  private static final double[] RACE_SHARE = {0.42, 0.19, 0.15, 0.17, 0.07};
  private static final double[] RACE_ACCURACY = {0.89, 0.86, 0.83, 0.74, 0.40};
  private static final int MAX_RANK = 116;
  private static final Instant CREATED = Instant.parse("2026-01-28T13:45:01Z");

  /**
   * @param inputs images to simulate
   * @param seed generator seed
   * @param withProbabilities write the probability and landmark lists (realistic width; the
   *     benchmark can leave them out to save disk)
   * @param labelColumns write {@code label_*} columns (else only the names carry labels)
   * @param footer write the {@code dmtl.run} footer (else the audit must infer tasks from columns)
   * @param attributes also write {@code attributes.csv} (see {@link Files#attributes()}), and let
   *     the model's gender accuracy depend on its lighting
   */
  public record Options(
      int inputs,
      long seed,
      boolean withProbabilities,
      boolean labelColumns,
      boolean footer,
      boolean attributes) {

    public Options(
        int inputs, long seed, boolean withProbabilities, boolean labelColumns, boolean footer) {
      this(inputs, seed, withProbabilities, labelColumns, footer, false);
    }

    public static Options realistic(int inputs, long seed) {
      return new Options(inputs, seed, true, true, true);
    }

    /** As {@link #realistic}, with an attribute file. */
    public static Options withAttributes(int inputs, long seed) {
      return new Options(inputs, seed, true, true, true, true);
    }
  }

  /**
   * Files written and counts.
   *
   * @param attributes {@code attributes.csv}, or null: keyed by {@code path} (the inputs' relative
   *     path), columns {@code site} (8 capture sites A–H, unevenly used; 2 % empty cells) and
   *     {@code lux} (a skewed light level, for {@code --bins lux=q5}); 1 % of the inputs have no
   *     row, and 25 rows name no input
   */
  public record Files(
      Path predictions, Path deadLetters, int predictionRows, int deadLetterRows, Path attributes) {

    public Files(Path predictions, Path deadLetters, int predictionRows, int deadLetterRows) {
      this(predictions, deadLetters, predictionRows, deadLetterRows, null);
    }
  }

  /** The capture sites of the attribute file, and how often each is used. */
  private static final String[] SITES = {"A", "B", "C", "D", "E", "F", "G", "H"};

  private static final double[] SITE_SHARE = {0.30, 0.20, 0.15, 0.10, 0.10, 0.07, 0.05, 0.03};

  private SyntheticRun() {}

  /** The synthetic model: the default model's tasks (age 1–116 ordinal, gender, race) and input. */
  public static ModelFile model() {
    ModelContract contract =
        new ModelContract(
            new InputSpec(
                "image",
                112,
                112,
                255.0,
                List.of(0.485, 0.456, 0.406),
                List.of(0.229, 0.224, 0.225)),
            List.of(
                TaskSpec.ordinal(
                    "age", "age_logits", IntStream.rangeClosed(1, MAX_RANK).boxed().toList()),
                TaskSpec.nominal("gender", "gender_logits", GENDERS),
                TaskSpec.nominal("race", "race_logits", RACES)),
            null,
            Map.of(),
            null);
    return new ModelFile(
        "models/dmtl.onnx", MODEL_SHA256, 8_479_360, "dmtl-training test", 17, contract);
  }

  /** The footer every synthetic prediction and dead-letter file carries. */
  public static Map<String, String> footer() {
    RunProvenance p =
        RunProvenance.of(
            "20260128-134501-9f3a61c2",
            "0.1.0-SNAPSHOT",
            CREATED,
            model(),
            "synthetic",
            Map.of("runner", "direct", "batch_size", 32));
    return Map.of(RunProvenance.FOOTER_KEY, p.toFooter());
  }

  /** The pipeline's prediction schema for {@link #model()}, without the list columns when asked. */
  public static Schema predictionSchema(boolean withProbabilities, boolean labelColumns) {
    Schema full;
    try {
      full = PredictionSchema.predictions(model().source(), model().contract(), labelColumns);
    } catch (ContractViolationException e) {
      throw new IllegalStateException("the synthetic model's task names are column names", e);
    }
    if (withProbabilities) {
      return full;
    }
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : full.getFields()) {
      if (!f.name().equals(PredictionColumns.FACE_LANDMARKS) && !f.name().endsWith("_probs")) {
        fields.add(new Schema.Field(f.name(), f.schema(), f.doc(), f.defaultVal()));
      }
    }
    return Schema.createRecord(full.getName(), full.getDoc(), full.getNamespace(), false, fields);
  }

  /** Writes {@code o.inputs()} inputs under fake paths {@code /data/utkface/…} into {@code dir}. */
  public static Files write(Path dir, Options o) throws IOException {
    Path predictions = dir.resolve("predictions.parquet");
    Path dead = dir.resolve("dead-letters.parquet");
    Schema ps = predictionSchema(o.withProbabilities(), o.labelColumns());
    Schema ds = PredictionSchema.deadLetters(model().contract(), o.labelColumns());
    Map<String, String> footer = o.footer() ? footer() : Map.of();
    SplittableRandom rng = new SplittableRandom(o.seed());
    int predictionRows = 0;
    int deadRows = 0;
    List<List<String>> attributeRows = o.attributes() ? new ArrayList<>() : null;
    try (ParquetRowWriter pw = ParquetRowWriter.to(predictions, ps, footer);
        ParquetRowWriter dw = ParquetRowWriter.to(dead, ds, footer)) {
      for (int i = 0; i < o.inputs(); i++) {
        int gender = rng.nextDouble() < 0.48 ? 1 : 0;
        int race = pick(rng, RACE_SHARE);
        int age = sampleAge(rng);
        boolean raceInName = rng.nextDouble() >= 0.001;
        String name =
            age
                + "_"
                + gender
                + "_"
                + (raceInName ? race + "_" : "")
                + datetime(rng)
                + ".jpg.chip.jpg";
        String source = "/data/utkface/" + name;
        double lux = Double.NaN;
        if (attributeRows != null) {
          // drawn only with attributes, so the runs without them keep their sequence
          int site = pick(rng, SITE_SHARE);
          lux = Math.exp(4 + 1.2 * gaussian(rng));
          boolean noRow = rng.nextDouble() < 0.01;
          boolean emptySite = rng.nextDouble() < 0.02;
          if (!noRow) {
            attributeRows.add(
                List.of(
                    name, emptySite ? "" : SITES[site], String.format(Locale.ROOT, "%.1f", lux)));
          }
        }
        double miss = 0.02 + (age < 5 ? 0.04 : 0) + (age > 75 ? 0.03 : 0) + (race == 1 ? 0.01 : 0);
        double u = rng.nextDouble();
        if (u < 0.003) {
          dw.write(
              dead(
                  ds,
                  source,
                  name,
                  Stage.DECODE,
                  "IIOException",
                  "Unsupported Image Type",
                  o.labelColumns(),
                  age,
                  gender,
                  raceInName ? race : -1));
          deadRows++;
          continue;
        }
        if (u < 0.004) {
          dw.write(
              dead(
                  ds,
                  source,
                  name,
                  Stage.READ,
                  "AccessDeniedException",
                  source + ": permission denied",
                  o.labelColumns(),
                  age,
                  gender,
                  raceInName ? race : -1));
          deadRows++;
          continue;
        }
        if (u < 0.004 + miss) {
          dw.write(
              dead(
                  ds,
                  source,
                  name,
                  Stage.NO_FACE,
                  "NoFaceFound",
                  "no face above score 0.6",
                  o.labelColumns(),
                  age,
                  gender,
                  raceInName ? race : -1));
          deadRows++;
          continue;
        }
        int faces = rng.nextDouble() < 0.005 ? 2 : 1;
        for (int face = 0; face < faces; face++) {
          pw.write(
              prediction(
                  ps,
                  rng,
                  o.withProbabilities(),
                  o.labelColumns(),
                  source,
                  face,
                  age,
                  gender,
                  race,
                  raceInName,
                  lux));
          predictionRows++;
        }
      }
    }
    Path attributes = null;
    if (attributeRows != null) {
      for (int k = 0; k < 25; k++) {
        attributeRows.add(List.of("not-audited-" + k + ".jpg", SITES[k % SITES.length], "100.0"));
      }
      attributes = dir.resolve("attributes.csv");
      StringBuilder csv = new StringBuilder("path,site,lux\n");
      for (List<String> row : attributeRows) {
        csv.append(String.join(",", row)).append('\n');
      }
      java.nio.file.Files.writeString(attributes, csv.toString());
    }
    return new Files(predictions, dead, predictionRows, deadRows, attributes);
  }

  /**
   * Predictions for the bundled UTKFace sample images (real files, labels from their names), with
   * synthetic model answers: for crops of the opt-in report examples.
   */
  public static Path writeSample(Path dir, Path sampleDir, long seed) throws IOException {
    Path predictions = dir.resolve("sample-predictions.parquet");
    SplittableRandom rng = new SplittableRandom(seed);
    List<Path> images;
    try (Stream<Path> s = java.nio.file.Files.list(sampleDir)) {
      images = s.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted().toList();
    }
    Schema ps = predictionSchema(true, true);
    try (ParquetRowWriter pw = ParquetRowWriter.to(predictions, ps, footer())) {
      for (Path image : images) {
        FaceLabels labels =
            UtkFaceNames.parse(image.getFileName().toString()).orElse(FaceLabels.NONE);
        if (labels.age() == null || labels.gender() == null || labels.race() == null) {
          continue;
        }
        pw.write(
            prediction(
                ps,
                rng,
                true,
                true,
                image.toAbsolutePath().toString(),
                0,
                labels.age(),
                GENDERS.indexOf(labels.gender()),
                RACES.indexOf(labels.race()),
                true,
                Double.NaN));
      }
    }
    return predictions;
  }

  /** The stand-in content hash of a synthetic image: SHA-256 of its path. */
  private static String nameHash(String source) {
    return ContentHash.sha256Hex(source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * A dead letter; its hash is derived from the name (not drawn), so the generator's sequence, and
   * with it every other row, does not depend on how many inputs were lost. Unreadable inputs have
   * no hash.
   */
  private static GenericRecord dead(
      Schema s,
      String source,
      String name,
      Stage stage,
      String errorClass,
      String message,
      boolean labelColumns,
      int age,
      int gender,
      int race) {
    GenericRecord r = new GenericData.Record(s);
    r.put(PredictionColumns.SOURCE, source);
    r.put(PredictionColumns.ENTRY, null);
    r.put(PredictionColumns.RELATIVE_PATH, name);
    r.put(PredictionColumns.IMAGE_SHA256, stage == Stage.READ ? null : nameHash(source));
    r.put(PredictionColumns.STAGE, stage.name());
    r.put(PredictionColumns.ERROR_CLASS, errorClass);
    r.put(PredictionColumns.MESSAGE, message);
    if (labelColumns) {
      r.put(PredictionColumns.label("age"), age);
      r.put(PredictionColumns.labelMin("age"), null);
      r.put(PredictionColumns.labelMax("age"), null);
      r.put(PredictionColumns.label("gender"), GENDERS.get(gender));
      r.put(PredictionColumns.label("race"), race < 0 ? null : RACES.get(race));
    }
    return r;
  }

  private static GenericRecord prediction(
      Schema s,
      SplittableRandom rng,
      boolean lists,
      boolean labelColumns,
      String source,
      int face,
      int age,
      int gender,
      int race,
      boolean raceLabelled,
      double lux) {
    GenericRecord r = new GenericData.Record(s);
    r.put(PredictionColumns.SOURCE, source);
    r.put(PredictionColumns.ENTRY, null);
    r.put(PredictionColumns.RELATIVE_PATH, source.substring(source.lastIndexOf('/') + 1));
    // every face of an image has the image's hash: the name stands in for the content
    r.put(PredictionColumns.IMAGE_SHA256, nameHash(source));
    r.put(PredictionColumns.IMAGE_WIDTH, 200);
    r.put(PredictionColumns.IMAGE_HEIGHT, 200);
    r.put(PredictionColumns.FACE_INDEX, face);
    r.put(PredictionColumns.FACE_X, (float) (20 + rng.nextDouble() * 10));
    r.put(PredictionColumns.FACE_Y, (float) (20 + rng.nextDouble() * 10));
    r.put(PredictionColumns.FACE_W, (float) (150 + rng.nextDouble() * 20));
    r.put(PredictionColumns.FACE_H, (float) (150 + rng.nextDouble() * 20));
    // a second face is a smaller, less certain detection
    r.put(
        PredictionColumns.FACE_SCORE,
        (float) (face == 0 ? 0.8 + 0.2 * rng.nextDouble() : 0.6 + 0.2 * rng.nextDouble()));
    if (lists) {
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
    int rank = (int) clamp((double) Math.round(expected + 0.6 * gaussian(rng)), 1, MAX_RANK);
    r.put(PredictionColumns.predicted("age"), rank);
    r.put(PredictionColumns.expected("age"), expected);
    if (lists) {
      List<Float> p = new ArrayList<>(MAX_RANK - 1);
      for (int k = 1; k < MAX_RANK; k++) {
        p.add((float) (1 / (1 + Math.exp(-(expected - (k + 0.5)) / 1.5))));
      }
      r.put(PredictionColumns.probabilities("age"), p);
    }

    double genderAccuracy =
        (age < 10 ? 0.70 : age > 70 ? 0.88 : 0.93)
            - (race == 4 ? 0.03 : 0)
            - (lux < 20 ? 0.10 : 0); // dim photos: the model's gender answers suffer
    int genderPred = rng.nextDouble() < genderAccuracy ? gender : 1 - gender;
    putNominal(r, rng, lists, "gender", GENDERS, genderPred, genderPred == gender);

    int racePred = race;
    if (rng.nextDouble() >= RACE_ACCURACY[race]) {
      double[] w = RACE_SHARE.clone();
      w[race] = 0;
      racePred = pick(rng, w);
    }
    putNominal(r, rng, lists, "race", RACES, racePred, racePred == race);

    if (labelColumns) {
      r.put(PredictionColumns.label("age"), age);
      r.put(PredictionColumns.labelMin("age"), null);
      r.put(PredictionColumns.labelMax("age"), null);
      r.put(PredictionColumns.label("gender"), GENDERS.get(gender));
      r.put(PredictionColumns.label("race"), raceLabelled ? RACES.get(race) : null);
    }
    return r;
  }

  private static void putNominal(
      GenericRecord r,
      SplittableRandom rng,
      boolean lists,
      String task,
      List<String> labels,
      int predicted,
      boolean correct) {
    double confidence =
        correct ? 0.70 + 0.30 * Math.sqrt(rng.nextDouble()) : 0.45 + 0.40 * rng.nextDouble();
    confidence = Math.max(confidence, 1.0 / labels.size() + 1e-3);
    r.put(PredictionColumns.predicted(task), labels.get(predicted));
    r.put(PredictionColumns.confidence(task), (float) confidence);
    List<Float> p = new ArrayList<>(labels.size());
    double rest = (1 - confidence) / (labels.size() - 1);
    for (int c = 0; c < labels.size(); c++) {
      p.add((float) (c == predicted ? confidence : rest));
    }
    if (lists) {
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
      double x =
          v < (c - a) / (b - a)
              ? a + Math.sqrt(v * (b - a) * (c - a))
              : b - Math.sqrt((1 - v) * (b - a) * (b - c));
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
    return String.format(
        "2017%02d%02d%02d%02d%02d%03d",
        1 + rng.nextInt(12),
        1 + rng.nextInt(28),
        rng.nextInt(24),
        rng.nextInt(60),
        rng.nextInt(60),
        rng.nextInt(1000));
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
