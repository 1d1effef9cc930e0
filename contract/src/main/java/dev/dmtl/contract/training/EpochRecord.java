package dev.dmtl.contract.training;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One epoch of training: a line of a run's {@code history.jsonl}, and an entry of the {@code
 * history} an exported model carries in its provenance (the data behind the paper's Fig. 3). Keys
 * are camelCase ({@code imagesPerSecond}), as they have been written since the first model; numbers
 * the writer did not record read as NaN and maps as empty.
 *
 * @param epoch 1-based epoch
 * @param seconds wall time of the epoch (training + validation)
 * @param imagesPerSecond training throughput
 * @param learningRate learning rate at the end of the epoch
 * @param trainLoss mean joint loss (paper Eq. 15) over the epoch's steps
 * @param taskLoss mean per-task loss (unweighted L_t) over the epoch, by task name
 * @param logVariance learned s_t = log σ_t² at the end of the epoch, by task
 * @param beta Eq. 16 task weights from the log-variances, by task
 * @param validation validation metrics at the end of the epoch, or null
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record EpochRecord(
    int epoch,
    double seconds,
    double imagesPerSecond,
    double learningRate,
    double trainLoss,
    Map<String, Double> taskLoss,
    Map<String, Double> logVariance,
    Map<String, Double> beta,
    ValidationMetrics validation) {

  public EpochRecord {
    taskLoss = ordered(taskLoss);
    logVariance = ordered(logVariance);
    beta = ordered(beta);
  }

  /**
   * Validation metrics, as training computes them on its validation split.
   *
   * @param images images evaluated
   * @param ageMae MAE of the Eq. 6 age in years
   * @param ageMaeExpected MAE of the expected age in years
   * @param decadeAccuracy fraction whose Eq. 6 age falls in the true age's decade
   * @param genderAccuracy gender accuracy
   * @param raceAccuracy race accuracy over images with a race label
   * @param cumulativeScore CS(k) for k = 0..10 on the Eq. 6 age
   */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record ValidationMetrics(
      int images,
      double ageMae,
      double ageMaeExpected,
      double decadeAccuracy,
      double genderAccuracy,
      double raceAccuracy,
      List<Double> cumulativeScore) {

    public ValidationMetrics {
      cumulativeScore = List.copyOf(cumulativeScore == null ? List.of() : cumulativeScore);
    }

    /**
     * The scalar metrics by their JSON name, in declaration order, leaving out those not recorded
     * (NaN).
     */
    public Map<String, Double> named() {
      Map<String, Double> out = new LinkedHashMap<>();
      out.put("images", (double) images);
      out.put("ageMae", ageMae);
      out.put("ageMaeExpected", ageMaeExpected);
      out.put("decadeAccuracy", decadeAccuracy);
      out.put("genderAccuracy", genderAccuracy);
      out.put("raceAccuracy", raceAccuracy);
      out.values().removeIf(v -> Double.isNaN(v));
      return Collections.unmodifiableMap(out);
    }
  }

  private static Map<String, Double> ordered(Map<String, Double> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map == null ? Map.of() : map));
  }
}
