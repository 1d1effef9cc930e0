package dev.dmtl.reports.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dmtl.contract.decode.UncertaintyWeights;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.contract.model.TaskSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model files for report tests, built in memory (a {@link ModelFile} is what
 * {@code ModelContractReader.read} returns): the dmtl training exporter's full
 * {@code dmtl.provenance} with a 12-epoch history, or a bare model with none.
 */
public final class ModelFixture {

  public static final String SHA = SyntheticRun.MODEL_SHA256;
  /** Final learned log-variances s_t: β = 0.089 (age), 0.684 (gender), 0.228 (race). */
  public static final Map<String, Double> LOG_VARIANCE = ordered(1.21, -0.83, 0.27);

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelFixture() {}

  /** The dmtl-trained model with its complete training record. */
  public static ModelFile trained() {
    return model(List.of("male", "female"), List.of("white", "black", "asian", "indian", "others"), LOG_VARIANCE,
        provenance("UTKFace (aligned & cropped)", "non-commercial research only").toString(), SHA);
  }

  /** A user's own model: tasks only, no log-variances, no provenance. */
  public static ModelFile bare() {
    return model(List.of("male", "female"), List.of("white", "black", "asian", "indian", "others"), Map.of(), null,
        "11".repeat(32));
  }

  /** A model whose labels and training-data name carry markup, for escaping tests. */
  public static ModelFile hostile(String text) {
    return model(List.of("male", text), List.of("white", "black", "asian", "indian", "others"), LOG_VARIANCE,
        provenance(text, text).toString(), SHA);
  }

  private static ModelFile model(List<String> genders, List<String> races, Map<String, Double> logVariance,
      String provenance, String sha) {
    List<Integer> ranks = new ArrayList<>();
    for (int r = 1; r <= 116; r++) {
      ranks.add(r);
    }
    ModelContract contract = new ModelContract(
        new InputSpec("image", 96, 96, 255.0, List.of(0.5, 0.5, 0.5), List.of(0.25, 0.25, 0.25)),
        List.of(TaskSpec.ordinal("age", "age_logits", ranks), TaskSpec.nominal("gender", "gender_logits", genders),
            TaskSpec.nominal("race", "race_logits", races)),
        null, logVariance, provenance);
    return new ModelFile("models/dmtl-utkface-96.onnx", sha, 3_912_448, "dmtl-training 0.1.0-SNAPSHOT", 17, contract);
  }

  static ObjectNode provenance(String dataName, String licence) {
    ObjectNode p = JSON.createObjectNode();
    p.put("tool", "dmtl-training");
    p.put("tool_version", "0.1.0-SNAPSHOT");
    p.put("code_version", "3c1d9e2");
    p.put("exported_at", "2025-11-18T22:14:05Z");
    ObjectNode data = p.putObject("data");
    data.put("name", dataName);
    data.put("labels", "utkface-names");
    data.put("split", "train 80 % / validation 10 % / test 10 %, by SHA-256 of the file name");
    data.put("licence", licence);
    data.put("fingerprint_sha256", "5d41402abc4b2a76b9719d911017c592ae2c4a6e0bbf1bd1e9c1c1e2d2a3b4c5");
    ObjectNode config = p.putObject("config");
    config.put("input_size", 96);
    config.put("batch_size", 32);
    config.put("optimizer", "sgd");
    config.put("learning_rate", 0.01);
    config.put("momentum", 0.9);
    config.put("weight_decay", 0.0005);
    config.put("threads", 1);
    p.put("seed", 20251118);
    p.put("epochs_completed", 12);
    p.put("checkpoint", "best validation age MAE");
    p.put("flip_average", true);
    ArrayNode history = p.putArray("history");
    double[] s0 = {0, 0, 0};
    double[] s1 = {1.21, -0.83, 0.27};
    for (int e = 1; e <= 12; e++) {
      double t = 1 - Math.exp(-e / 3.5);
      Map<String, Double> lv = ordered(s0[0] + t * s1[0], s0[1] + t * s1[1], s0[2] + t * s1[2]);
      ObjectNode h = history.addObject();
      h.put("epoch", e);
      h.put("seconds", 188.4 + e * 0.7);
      h.put("imagesPerSecond", 91.3 - e * 0.2);
      h.put("learningRate", e <= 8 ? 0.01 : 0.001);
      h.put("trainLoss", 9.8 * Math.exp(-e / 4.0) + 2.1);
      ObjectNode loss = h.putObject("taskLoss");
      loss.put("age", 28.0 * Math.exp(-e / 4.0) + 6.2);
      loss.put("gender", 0.69 * Math.exp(-e / 3.0) + 0.19);
      loss.put("race", 1.6 * Math.exp(-e / 3.0) + 0.52);
      ObjectNode lvn = h.putObject("logVariance");
      lv.forEach(lvn::put);
      ObjectNode beta = h.putObject("beta");
      UncertaintyWeights.beta(lv).forEach(beta::put);
      ObjectNode val = h.putObject("validation");
      val.put("images", 2134);
      val.put("ageMae", 9.6 * Math.exp(-e / 3.0) + 5.3);
      val.put("ageMaeExpected", 9.3 * Math.exp(-e / 3.0) + 5.0);
      val.put("decadeAccuracy", 0.52 - 0.22 * Math.exp(-e / 3.0));
      val.put("genderAccuracy", 0.915 - 0.30 * Math.exp(-e / 2.5));
      val.put("raceAccuracy", 0.81 - 0.36 * Math.exp(-e / 3.0));
      ArrayNode cs = val.putArray("cumulativeScore");
      for (int k = 0; k <= 10; k++) {
        cs.add(1 - Math.exp(-(k + 0.3) / (9.6 * Math.exp(-e / 3.0) + 5.3)));
      }
    }
    p.set("validation", history.get(history.size() - 1).get("validation").deepCopy());
    ObjectNode held = p.putObject("held_out_metrics");
    held.put("images", 2135);
    held.put("ageMae", 5.41);
    held.put("genderAccuracy", 0.912);
    held.put("raceAccuracy", 0.806);
    return p;
  }

  private static Map<String, Double> ordered(double age, double gender, double race) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("age", age);
    m.put("gender", gender);
    m.put("race", race);
    return m;
  }
}
