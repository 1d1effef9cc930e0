package dev.dmtl.tools.bench;

import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.explain.DeletionCurve;
import dev.dmtl.inference.explain.FaceExplanation;
import dev.dmtl.inference.explain.OcclusionExplainer;
import dev.dmtl.inference.explain.OcclusionGrid;
import dev.dmtl.inference.face.AlignedFaceExtractor;
import dev.dmtl.inference.face.FaceCrop;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.image.ImageDecoder;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.inference.model.BundledModel;
import dev.dmtl.inference.model.Device;
import dev.dmtl.inference.model.DmtlModel;
import dev.dmtl.inference.model.FacePredictor;
import dev.dmtl.inference.model.ModelOptions;
import dev.dmtl.pipeline.infer.ModelLocation;
import dev.dmtl.tools.ExitCodes;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dmtl-tools explain-sanity}: the deletion test of occlusion-sensitivity maps on many real
 * aligned faces, and the cost of occlusion per face against plain batched inference of the same
 * faces, measured in the same run; with {@code --method cam} the sanity checks and costs of exact
 * class activation maps ({@link CamSanity}) (docs/BENCHMARKS.md, "Explanations"). Not a test.
 */
@Command(
    name = "explain-sanity",
    mixinStandardHelpOptions = true,
    description =
        "Deletion test (salient vs random cells) of occlusion-sensitivity maps on aligned faces, and"
            + " occlusion time per face vs plain inference; --method cam: the deletion and"
            + " model-randomisation tests of exact class activation maps, their rank correlation"
            + " with occlusion maps, and their cost.")
public final class ExplainSanity implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "A folder of aligned face crops (e.g. UTKFace).")
  Path dir;

  @Option(
      names = "--faces",
      defaultValue = "200",
      description = "Faces drawn (seeded). Default: ${DEFAULT-VALUE}.")
  int faces;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the draw and of the random cells. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--grid",
      defaultValue = "7",
      description = "Cells per side. Default: ${DEFAULT-VALUE}.")
  int grid;

  @Option(
      names = "--fractions",
      defaultValue = "0.05,0.1,0.2,0.3,0.5",
      split = ",",
      description = "Shares of cells greyed. Default: ${DEFAULT-VALUE}.")
  List<Double> fractions;

  @Option(
      names = "--draws",
      defaultValue = "5",
      description = "Random draws per fraction. Default: ${DEFAULT-VALUE}.")
  int draws;

  @Option(
      names = {"-m", "--model"},
      description = "Model. Default: the bundled one.")
  String model = BundledModel.SOURCE;

  @Option(
      names = "--method",
      defaultValue = "occlusion",
      description =
          "occlusion (part 1's run) or cam (exact class activation maps; the model must declare"
              + " its feature maps). Default: ${DEFAULT-VALUE}.")
  String method;

  @Option(
      names = "--speed-only",
      description = "With --method cam: only the timings (seconds, not minutes).")
  boolean speedOnly;

  @Option(
      names = "--baseline-model",
      description =
          "With --method cam: also time plain inference of this model in the same loop (e.g. the"
              + " model before its CAM outputs).")
  Path baselineModel;

  @Option(
      names = "--intra-op-threads",
      defaultValue = "1",
      description = "Default: ${DEFAULT-VALUE}.")
  int threads;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> files;
    try (Stream<Path> listed = Files.list(dir)) {
      files = new ArrayList<>(listed.filter(Files::isRegularFile).sorted().toList());
    }
    Collections.shuffle(files, new Random(seed));
    files = files.subList(0, Math.min(faces, files.size()));
    ImageDecoder decoder = new ImageDecoder(DecodeLimits.DEFAULTS);
    byte[] bytes = ModelLocation.read(ModelLocation.canonical(model));
    try (DmtlModel m = DmtlModel.load(model, bytes, new ModelOptions(Device.CPU, threads));
        FacePredictor predictor = m.newPredictor()) {
      AlignedFaceExtractor extractor = AlignedFaceExtractor.forInput(m.contract().input());
      List<RgbImage> crops = new ArrayList<>();
      for (Path f : files) {
        crops.add(extractor.extract(decoder.decode(f).image()).get(0).crop());
      }
      if (method.equalsIgnoreCase("cam")) {
        out.printf(
            Locale.ROOT,
            "model %s (%dx%d), %d faces of %s, %d random draws, seed %d, %d intra-op thread(s)%n",
            m.file().sha256().substring(0, 12),
            m.contract().input().width(),
            m.contract().input().height(),
            crops.size(),
            dir,
            draws,
            seed,
            threads);
        ModelOptions options = new ModelOptions(Device.CPU, threads);
        CamSanity sanity =
            new CamSanity(m, bytes, options, crops, fractions, draws, seed, out)
                .speedOnly(speedOnly);
        if (baselineModel == null) {
          sanity.run();
        } else {
          try (DmtlModel base =
              DmtlModel.load(
                  baselineModel.toString(), Files.readAllBytes(baselineModel), options)) {
            sanity.withBaseline(base).run();
          }
        }
        out.printf(
            Locale.ROOT,
            "load average at the end %.1f on %d cores%n",
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
            Runtime.getRuntime().availableProcessors());
        out.flush();
        return ExitCodes.OK;
      } else if (!method.equalsIgnoreCase("occlusion")) {
        throw new IllegalArgumentException("--method is occlusion or cam, not " + method);
      }
      List<TaskSpec> tasks = m.contract().tasks();
      OcclusionExplainer explainer =
          new OcclusionExplainer(
              predictor, OcclusionGrid.of(grid), OcclusionExplainer.DEFAULT_BATCH);
      // warm-up: the first calls allocate ORT's buffers
      explainer.explain(crops.get(0), tasks);
      long plain0 = System.nanoTime();
      for (int from = 0; from < crops.size(); from += 32) {
        predictor.predict(
            crops.subList(from, Math.min(crops.size(), from + 32)).stream()
                .map(c -> new FaceCrop(0, null, c))
                .toList());
      }
      double plainPerFace = (System.nanoTime() - plain0) / 1e9 / crops.size();
      double occlusionSeconds = 0;
      int nf = fractions.size();
      double[][] salient = new double[tasks.size()][nf];
      double[][] random = new double[tasks.size()][nf];
      int[] wins = new int[tasks.size()];
      for (int i = 0; i < crops.size(); i++) {
        long t0 = System.nanoTime();
        FaceExplanation e = explainer.explain(crops.get(i), tasks);
        occlusionSeconds += (System.nanoTime() - t0) / 1e9;
        for (int t = 0; t < tasks.size(); t++) {
          DeletionCurve c =
              explainer.deletion(crops.get(i), tasks.get(t), e, fractions, draws, seed + i);
          for (int k = 0; k < nf; k++) {
            salient[t][k] += c.salient().get(k) / crops.size();
            random[t][k] += c.random().get(k) / crops.size();
          }
          wins[t] += c.salientArea() > c.randomArea() ? 1 : 0;
        }
      }
      double occlusionPerFace = occlusionSeconds / crops.size();
      out.printf(
          Locale.ROOT,
          "model %s (%dx%d), %d faces of %s, grid %dx%d, %d random draws, seed %d, %d intra-op"
              + " thread(s), load average at the end %.1f on %d cores%n",
          m.file().sha256().substring(0, 12),
          m.contract().input().width(),
          m.contract().input().height(),
          crops.size(),
          dir,
          grid,
          grid,
          draws,
          seed,
          threads,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
      out.printf(
          Locale.ROOT,
          "speed: occlusion %.3f s per face (%d evaluations), plain batched inference %.4f s per"
              + " face: %.0fx%n",
          occlusionPerFace,
          grid * grid + 1,
          plainPerFace,
          occlusionPerFace / plainPerFace);
      out.println("deletion test: mean effect of greying the share of cells (salient / random)");
      StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-8s", "task"));
      fractions.forEach(f -> head.append(String.format(Locale.ROOT, " %17s", f * 100 + " %")));
      head.append("  faces where salient > random (area)");
      out.println(head);
      for (int t = 0; t < tasks.size(); t++) {
        StringBuilder row =
            new StringBuilder(String.format(Locale.ROOT, "%-8s", tasks.get(t).name()));
        for (int k = 0; k < nf; k++) {
          row.append(String.format(Locale.ROOT, " %8.4f/%-8.4f", salient[t][k], random[t][k]));
        }
        row.append(
            String.format(
                Locale.ROOT,
                "  %d/%d (%.1f %%)",
                wins[t],
                crops.size(),
                100.0 * wins[t] / crops.size()));
        out.println(row);
      }
      out.flush();
    }
    return ExitCodes.OK;
  }
}
