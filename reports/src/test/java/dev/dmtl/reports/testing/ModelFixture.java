package dev.dmtl.reports.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dmtl.contract.decode.UncertaintyWeights;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.training.EpochRecord;
import dev.dmtl.contract.training.TrainingProvenance;
import dev.dmtl.parquet.testing.SyntheticRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model files for report tests, built in memory (a {@link ModelFile} is what {@code
 * ModelContractReader.read} returns): the dmtl training exporter's full {@code dmtl.provenance}
 * with a 12-epoch history, or a bare model with none.
 */
public final class ModelFixture {

  public static final String SHA = SyntheticRun.MODEL_SHA256;

  /** Final learned log-variances s_t: β = 0.089 (age), 0.684 (gender), 0.228 (race). */
  public static final Map<String, Double> LOG_VARIANCE = ordered(1.21, -0.83, 0.27);

  private static final ObjectMapper JSON = DmtlJson.mapper();

  private ModelFixture() {}

  /** The dmtl-trained model with its complete training record. */
  public static ModelFile trained() {
    return model(
        List.of("male", "female"),
        List.of("white", "black", "asian", "indian", "others"),
        LOG_VARIANCE,
        provenance("UTKFace (aligned & cropped)", "non-commercial research only"),
        SHA);
  }

  /** A user's own model: tasks only, no log-variances, no provenance. */
  public static ModelFile bare() {
    return model(
        List.of("male", "female"),
        List.of("white", "black", "asian", "indian", "others"),
        Map.of(),
        null,
        "11".repeat(32));
  }

  /** A model whose labels and training-data name carry markup, for escaping tests. */
  public static ModelFile hostile(String text) {
    return model(
        List.of("male", text),
        List.of("white", "black", "asian", "indian", "others"),
        LOG_VARIANCE,
        provenance(text, text),
        SHA);
  }

  private static ModelFile model(
      List<String> genders,
      List<String> races,
      Map<String, Double> logVariance,
      JsonNode provenance,
      String sha) {
    List<Integer> ranks = new ArrayList<>();
    for (int r = 1; r <= 116; r++) {
      ranks.add(r);
    }
    ModelContract contract =
        new ModelContract(
            new InputSpec(
                "image", 96, 96, 255.0, List.of(0.5, 0.5, 0.5), List.of(0.25, 0.25, 0.25)),
            List.of(
                TaskSpec.ordinal("age", "age_logits", ranks),
                TaskSpec.nominal("gender", "gender_logits", genders),
                TaskSpec.nominal("race", "race_logits", races)),
            null,
            logVariance,
            provenance);
    return new ModelFile(
        "models/dmtl-utkface-96.onnx",
        sha,
        3_912_448,
        "dmtl-training 0.1.0-SNAPSHOT",
        17,
        contract);
  }

  /**
   * The record dmtl's exporter writes: data, configuration, a 12-epoch history, validation and
   * held-out metrics.
   */
  static JsonNode provenance(String dataName, String licence) {
    ObjectNode config = JSON.createObjectNode();
    config.put("input_size", 96);
    config.put("batch_size", 32);
    config.put("optimizer", "sgd");
    config.put("learning_rate", 0.01);
    config.put("momentum", 0.9);
    config.put("weight_decay", 0.0005);
    config.put("threads", 1);
    double[] s1 = {1.21, -0.83, 0.27};
    List<EpochRecord> history = new ArrayList<>();
    for (int e = 1; e <= 12; e++) {
      double t = 1 - Math.exp(-e / 3.5);
      Map<String, Double> lv = ordered(t * s1[0], t * s1[1], t * s1[2]);
      List<Double> cs = new ArrayList<>();
      for (int k = 0; k <= 10; k++) {
        cs.add(1 - Math.exp(-(k + 0.3) / (9.6 * Math.exp(-e / 3.0) + 5.3)));
      }
      EpochRecord.ValidationMetrics val =
          new EpochRecord.ValidationMetrics(
              2134,
              9.6 * Math.exp(-e / 3.0) + 5.3,
              9.3 * Math.exp(-e / 3.0) + 5.0,
              0.52 - 0.22 * Math.exp(-e / 3.0),
              0.915 - 0.30 * Math.exp(-e / 2.5),
              0.81 - 0.36 * Math.exp(-e / 3.0),
              cs);
      history.add(
          new EpochRecord(
              e,
              188.4 + e * 0.7,
              91.3 - e * 0.2,
              e <= 8 ? 0.01 : 0.001,
              9.8 * Math.exp(-e / 4.0) + 2.1,
              ordered(
                  28.0 * Math.exp(-e / 4.0) + 6.2,
                  0.69 * Math.exp(-e / 3.0) + 0.19,
                  1.6 * Math.exp(-e / 3.0) + 0.52),
              lv,
              UncertaintyWeights.beta(lv),
              val));
    }
    ObjectNode held = JSON.createObjectNode();
    held.put("images", 2135);
    held.put("ageMae", 5.41);
    held.put("genderAccuracy", 0.912);
    held.put("raceAccuracy", 0.806);
    TrainingProvenance p =
        new TrainingProvenance(
            TrainingProvenance.SCHEMA_VERSION,
            "dmtl-training",
            "0.1.0-SNAPSHOT",
            "3c1d9e2",
            Instant.parse("2025-11-18T22:14:05Z"),
            new TrainingProvenance.TrainingData(
                dataName,
                "utkface-names",
                "train 80 % / validation 10 % / test 10 %, by SHA-256 of the file name",
                licence,
                "5d41402abc4b2a76b9719d911017c592ae2c4a6e0bbf1bd1e9c1c1e2d2a3b4c5"),
            config,
            20251118L,
            12,
            "best validation age MAE",
            null,
            true,
            history,
            null,
            history.get(history.size() - 1).validation(),
            held);
    return DmtlJson.tree(p);
  }

  private static Map<String, Double> ordered(double age, double gender, double race) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("age", age);
    m.put("gender", gender);
    m.put("race", race);
    return m;
  }
}
