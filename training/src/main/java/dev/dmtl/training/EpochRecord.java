package dev.dmtl.training;

import java.util.List;
import java.util.Map;

/**
 * One line of a run's {@code history.jsonl}: the data behind the paper's Fig. 3.
 *
 * @param epoch 1-based epoch
 * @param seconds wall time of the epoch (training + validation)
 * @param imagesPerSecond training throughput
 * @param learningRate learning rate at the end of the epoch
 * @param trainLoss mean joint loss over the epoch's steps
 * @param taskLoss mean per-task loss (unweighted L_t) over the epoch, by task name
 * @param logVariance learned s_t = log σ_t² at the end of the epoch, by task
 * @param beta Eq. 16 task weights from the log-variances, by task
 * @param validation validation metrics at the end of the epoch
 */
public record EpochRecord(int epoch, double seconds, double imagesPerSecond, double learningRate, double trainLoss,
    Map<String, Double> taskLoss, Map<String, Double> logVariance, Map<String, Double> beta,
    ValidationMetrics validation) {

  /**
   * @param images images evaluated
   * @param ageMae MAE of the Eq. 6 age in years
   * @param ageMaeExpected MAE of the expected age in years
   * @param decadeAccuracy fraction whose Eq. 6 age falls in the true age's decade
   * @param genderAccuracy gender accuracy
   * @param raceAccuracy race accuracy over images with a race label
   * @param cumulativeScore CS(k) for k = 0..10 on the Eq. 6 age
   */
  public record ValidationMetrics(int images, double ageMae, double ageMaeExpected, double decadeAccuracy,
      double genderAccuracy, double raceAccuracy, List<Double> cumulativeScore) {}
}
