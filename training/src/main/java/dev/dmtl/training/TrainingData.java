package dev.dmtl.training;

import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.labels.DataSplit;
import dev.dmtl.training.data.FaceCache;
import dev.dmtl.training.data.FaceSample;
import dev.dmtl.training.data.UtkFaceIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * The decoded train and validation images of a run's data folder and input size, cached on disk so
 * that images are decoded once and reused by later runs.
 *
 * @param train the training split
 * @param val the validation split
 */
public record TrainingData(FaceCache train, FaceCache val) {

  /** How often decoding reports progress, in images. */
  private static final int REPORT_EVERY = 2000;

  /**
   * Loads the caches from {@code cacheDir}, decoding them on first use.
   *
   * @param config the data folder, input size and image limits
   */
  public static TrainingData load(TrainConfig config, Path cacheDir, TrainingListener listener)
      throws IOException {
    Path data = Path.of(config.data());
    UtkFaceIndex index = UtkFaceIndex.scan(data);
    List<FaceSample> train = limit(index.split(DataSplit.TRAIN), config.maxTrainImages());
    List<FaceSample> val = limit(index.split(DataSplit.VAL), config.maxValImages());
    int size = config.network().inputSize();
    FaceCache trainCache =
        FaceCache.loadOrBuild(
            data,
            train,
            size,
            cacheDir.resolve(cacheName("train", size, train.size())),
            done -> report(listener, "train", done, train.size()));
    FaceCache valCache =
        FaceCache.loadOrBuild(
            data,
            val,
            size,
            cacheDir.resolve(cacheName("val", size, val.size())),
            done -> report(listener, "val", done, val.size()));
    listener.dataReady(
        new TrainingListener.DataSummary(
            data, train.size(), val.size(), index.skipped(), trainCache.fingerprint()));
    return new TrainingData(trainCache, valCache);
  }

  private static void report(TrainingListener listener, String split, int done, int total) {
    if (done % REPORT_EVERY == 0 || done == total) {
      listener.decoding(split, done, total);
    }
  }

  private static String cacheName(String split, int size, int count) {
    return "utkface-" + split + "-" + size + "px-" + count + ".cache";
  }

  /**
   * At most {@code max} samples (0 = all): the first in the order of the SHA-256 of their names.
   * Not the first by name: UTKFace names start with the age, so that would be a few ages only.
   */
  static List<FaceSample> limit(List<FaceSample> samples, int max) {
    if (max <= 0 || samples.size() <= max) {
      return samples;
    }
    return samples.stream()
        .sorted(
            Comparator.comparing(
                (FaceSample s) -> ContentHash.sha256Hex(s.name().getBytes(StandardCharsets.UTF_8))))
        .limit(max)
        .toList();
  }
}
