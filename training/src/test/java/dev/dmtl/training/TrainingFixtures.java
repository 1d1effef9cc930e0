package dev.dmtl.training;

import dev.dmtl.contract.labels.FaceLabels;
import dev.dmtl.contract.labels.UtkFaceNames;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.image.ImageDecodeException;
import dev.dmtl.inference.image.ImageDecoder;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.testdata.TestData;
import dev.dmtl.training.data.Augmentation;
import dev.dmtl.training.data.FaceCache;
import dev.dmtl.training.data.FaceSample;
import dev.dmtl.training.loss.AgeLoss;
import dev.dmtl.training.net.NetworkConfig;
import dev.dmtl.training.optim.LearningRateSchedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Small real-face caches and tiny configurations for fast training tests. */
final class TrainingFixtures {

  static final int SIZE = 32;

  private static final ImageDecoder DECODER = new ImageDecoder(DecodeLimits.DEFAULTS);

  private TrainingFixtures() {}

  /**
   * The first {@code n} bundled UTKFace sample crops (sorted by name), decoded at {@link #SIZE}.
   */
  static FaceCache sampleCache(int skip, int n) {
    try (Stream<Path> files = Files.list(TestData.utkfaceSample())) {
      List<Path> paths = files.sorted().skip(skip).limit(n).toList();
      List<FaceSample> samples = new ArrayList<>();
      List<RgbImage> images = new ArrayList<>();
      for (Path p : paths) {
        String name = p.getFileName().toString();
        FaceLabels l = UtkFaceNames.parse(name).orElseThrow();
        samples.add(
            new FaceSample(
                name,
                l.age(),
                UtkFaceNames.GENDERS.indexOf(l.gender()),
                l.race() == null ? -1 : UtkFaceNames.RACES.indexOf(l.race())));
        images.add(DECODER.decode(p).image());
      }
      return FaceCache.of(samples, images, SIZE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ImageDecodeException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A tiny network: 32 px, quarter width. */
  static NetworkConfig tinyNetwork() {
    return NetworkConfig.defaults(SIZE).withMultipliers(0.25, 1.0);
  }

  static TrainConfig config(
      int epochs, LearningRateSchedule.Kind schedule, double lr, Augmentation augmentation) {
    return new TrainConfig(
        "unused",
        tinyNetwork(),
        epochs,
        8,
        schedule,
        lr,
        0.2,
        0.9,
        true,
        5e-4,
        AgeLoss.ORDINAL,
        "uncertainty",
        augmentation,
        7,
        0,
        0,
        null,
        false);
  }
}
