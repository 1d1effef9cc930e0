package dev.dmtl.reports.model;

import java.util.List;
import java.util.Map;

/**
 * One epoch of the training history a model may carry in {@code dmtl.provenance.history}. Every
 * number is NaN and every map empty when the exporter did not write it.
 *
 * @param epoch epoch number as written (1-based by the dmtl exporter)
 * @param seconds wall time of the epoch
 * @param imagesPerSecond training throughput
 * @param learningRate learning rate used
 * @param trainLoss joint training loss (paper Eq. 15)
 * @param taskLoss per task its loss L_t
 * @param logVariance per task the learned s_t = log σ_t² at the end of the epoch
 * @param beta per task the task weight β_t (Eq. 16): as written, or computed from {@code logVariance}
 * @param validation numeric validation metrics by their JSON name (e.g. {@code ageMae},
 *     {@code genderAccuracy}, {@code images}), in file order
 * @param cumulativeScore validation CS(k) for k = 0, 1, …, empty when absent
 */
public record EpochRecord(int epoch, double seconds, double imagesPerSecond, double learningRate, double trainLoss,
    Map<String, Double> taskLoss, Map<String, Double> logVariance, Map<String, Double> beta,
    Map<String, Double> validation, List<Double> cumulativeScore) {

  public EpochRecord {
    taskLoss = ModelProvenance.ordered(taskLoss);
    logVariance = ModelProvenance.ordered(logVariance);
    beta = ModelProvenance.ordered(beta);
    validation = ModelProvenance.ordered(validation);
    cumulativeScore = List.copyOf(cumulativeScore);
  }
}
