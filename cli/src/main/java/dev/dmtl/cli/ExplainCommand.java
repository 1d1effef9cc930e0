package dev.dmtl.cli;

import dev.dmtl.app.BadInputException;
import dev.dmtl.app.ExplainStep;
import dev.dmtl.app.explain.ExplainedFace;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.inference.explain.OcclusionGrid;
import dev.dmtl.inference.explain.SaliencyMethod;
import dev.dmtl.inference.face.FaceMode;
import dev.dmtl.inference.model.BundledModel;
import dev.dmtl.inference.model.Device;
import dev.dmtl.inference.model.DeviceUnavailableException;
import dev.dmtl.inference.model.ModelOptions;
import dev.dmtl.pipeline.InvalidRunException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dmtl explain}: saliency maps per face and task (exact class activation maps, or occlusion
 * sensitivity), as overlay PNGs and as numbers (docs/EXPLAIN.md). Inputs that cannot be explained
 * are reported one line each on stderr and the others go on; the exit code is {@value
 * ExitCodes#BAD_INPUT} only when no face was explained.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Show where each face's answer comes from: exact class activation maps (CAMs) when the model"
          + " declares its feature maps (the bundled model does), else occlusion sensitivity (a grey"
          + " patch is slid over the aligned face crop and the change of each task's answer is"
          + " measured; any contract model).",
      "Writes, into --out, one PNG per face (the crop with each task's map overlaid, viridis, with"
          + " a colour bar) and the maps as numbers: class-activation-maps.json/.csv or"
          + " occlusion-sensitivity.json/.csv (docs/EXPLAIN.md)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:at least one face was explained (inputs that could not be are listed on stderr)",
      "1:internal error",
      "2:usage error: bad option, unknown task name, bad --grid or --method",
      "3:bad input: no face could be explained, model missing or invalid, --method cam with a model"
          + " that declares no feature maps, output already present"
    })
final class ExplainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(
      paramLabel = "INPUT",
      arity = "1..*",
      description =
          "Image files, or folders whose .jpg/.jpeg/.png/.bmp/.webp files are taken (not recursive).")
  List<Path> inputs;

  @Option(
      names = {"-o", "--out", "--output"},
      required = true,
      paramLabel = "DIR",
      description = "Output folder for the PNGs and the numbers.")
  Path out;

  @Option(
      names = "--task",
      defaultValue = "all",
      paramLabel = "TASK",
      description =
          "Task(s) to explain: a name the model declares (age, gender, race for the bundled model),"
              + " several separated by commas, or all. Default: ${DEFAULT-VALUE}.")
  String task;

  @Option(
      names = "--faces",
      paramLabel = "MODE",
      defaultValue = "aligned",
      description =
          "aligned (each image is already an aligned face crop) or detect (YuNet finds and aligns"
              + " every face, as dmtl infer --faces detect). Default: ${DEFAULT-VALUE}.")
  String faces;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "MODEL.onnx",
      description = "A DMTL ONNX model. Default: the model bundled with dmtl.")
  String model = BundledModel.SOURCE;

  @Option(
      names = "--method",
      paramLabel = "METHOD",
      defaultValue = "auto",
      description =
          "cam (exact class activation maps; the model must declare its feature maps, see dmtl"
              + " inspect), occlusion (any model), or auto (cam when the model allows it, else"
              + " occlusion). Default: ${DEFAULT-VALUE}.")
  String method;

  @Option(
      names = "--grid",
      paramLabel = "N",
      defaultValue = "" + OcclusionGrid.DEFAULT_SIZE,
      description =
          "Occlusion only: cells per side, N x N grey patches, N*N+1 model evaluations per face"
              + " (a class activation map's grid is the model's feature map). Default:"
              + " ${DEFAULT-VALUE}.")
  int grid;

  @Option(
      names = "--intra-op-threads",
      paramLabel = "N",
      defaultValue = "1",
      description = "ONNX Runtime threads inside one model call. Default: ${DEFAULT-VALUE}.")
  int intraOpThreads;

  @Option(names = "--overwrite", description = "Replace an earlier result in the output folder.")
  boolean overwrite;

  @Override
  public Integer call()
      throws IOException,
          BadInputException,
          InvalidRunException,
          ContractViolationException,
          DeviceUnavailableException {
    PrintWriter err = spec.commandLine().getErr();
    String name = spec.qualifiedName();
    ExplainStep.Outcome outcome;
    try {
      ExplainStep.Request request =
          new ExplainStep.Request(
              inputs,
              out,
              model,
              FaceMode.parse(faces),
              tasks(),
              OcclusionGrid.of(grid),
              new ModelOptions(Device.CPU, intraOpThreads),
              overwrite,
              ExplainStep.Method.parse(method));
      outcome =
          new ExplainStep()
              .run(
                  request,
                  skip -> {
                    err.println(name + ": skipped " + skip.input() + ": " + skip.reason());
                    err.flush();
                  });
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    PrintWriter w = spec.commandLine().getOut();
    long images = outcome.faces().stream().map(ExplainedFace::input).distinct().count();
    boolean occlusion = outcome.method() == SaliencyMethod.OCCLUSION;
    w.printf(
        Locale.ROOT,
        "%s: %d face(s) of %d image(s), %d skipped; %.2f s per face (%d x %d %s, %d model"
            + " evaluation(s) each)%n",
        outcome.method().description(),
        outcome.faces().size(),
        images,
        outcome.skipped().size(),
        outcome.secondsPerFace(),
        outcome.rows(),
        outcome.columns(),
        occlusion ? "grid" : "feature map",
        occlusion ? grid * grid + 1 : 1);
    w.println("  overlays: " + outcome.overlays().size() + " PNG(s) in " + out);
    outcome.files().forEach(f -> w.println("  numbers:  " + f));
    w.flush();
    return ExitCodes.OK;
  }

  /** Empty for all. */
  private List<String> tasks() {
    if (task.strip().equalsIgnoreCase("all")) {
      return List.of();
    }
    List<String> names =
        Arrays.stream(task.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (names.isEmpty()) {
      throw new IllegalArgumentException("--task names no task");
    }
    return names;
  }
}
