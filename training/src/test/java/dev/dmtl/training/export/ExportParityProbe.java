package dev.dmtl.training.export;

import dev.dmtl.contract.labels.DataSplit;
import dev.dmtl.training.RunFolder;
import dev.dmtl.training.TrainConfig;
import dev.dmtl.training.data.FaceCache;
import dev.dmtl.training.data.FaceSample;
import dev.dmtl.training.data.UtkFaceIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Developer tool for docs/MODEL_CARD.md (Table V's "Error"): DJL vs ONNX Runtime on test-split
 * faces for a real run. Args: {@code runDir checkpoint model.onnx flip(true|false) images}.
 */
public final class ExportParityProbe {

  private ExportParityProbe() {}

  public static void main(String[] args) throws Exception {
    Path run = Path.of(args[0]);
    TrainConfig config = new RunFolder(run).readConfig();
    int n = Integer.parseInt(args[4]);
    Path data = Path.of(config.data());
    List<FaceSample> test = UtkFaceIndex.scan(data).split(DataSplit.TEST).subList(0, n);
    Path cache = Files.createTempDirectory("parity").resolve("test.cache");
    FaceCache images =
        FaceCache.loadOrBuild(data, test, config.network().inputSize(), cache, done -> {});
    Parity.Result r =
        Parity.measure(
            config,
            run,
            Path.of(args[1]),
            images,
            n,
            Path.of(args[2]),
            Boolean.parseBoolean(args[3]));
    System.out.printf(
        Locale.ROOT,
        "%d test images: max |DJL - ORT| = %.3g over all logits; max |diff| / (1e-4 + 1e-4*|DJL|) = %.3f%n",
        r.images(),
        r.maxAbs(),
        r.maxScaled());
  }
}
