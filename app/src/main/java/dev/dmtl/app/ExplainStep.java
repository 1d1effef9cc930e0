package dev.dmtl.app;

import dev.dmtl.app.explain.ExplainedFace;
import dev.dmtl.app.explain.ExplanationFiles;
import dev.dmtl.app.explain.OverlayImage;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.explain.FaceExplanation;
import dev.dmtl.inference.explain.OcclusionExplainer;
import dev.dmtl.inference.explain.OcclusionGrid;
import dev.dmtl.inference.explain.SaliencyMap;
import dev.dmtl.inference.explain.SaliencyMethod;
import dev.dmtl.inference.face.FaceCrop;
import dev.dmtl.inference.face.FaceExtractionException;
import dev.dmtl.inference.face.FaceExtractor;
import dev.dmtl.inference.face.FaceMode;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.image.DecodedImage;
import dev.dmtl.inference.image.ImageDecodeException;
import dev.dmtl.inference.image.ImageDecoder;
import dev.dmtl.inference.model.DeviceUnavailableException;
import dev.dmtl.inference.model.DmtlModel;
import dev.dmtl.inference.model.FacePrediction;
import dev.dmtl.inference.model.FacePredictor;
import dev.dmtl.inference.model.InferenceException;
import dev.dmtl.inference.model.ModelOptions;
import dev.dmtl.pipeline.InvalidRunException;
import dev.dmtl.pipeline.infer.ModelLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code dmtl explain}: saliency maps for every face of the inputs, as overlay PNGs and as numbers
 * (docs/EXPLAIN.md): exact class activation maps when the model declares its feature maps, else
 * occlusion sensitivity ({@link Method}). An input that cannot be read, has no face, or a face
 * smaller than the map's grid is skipped with its reason and the others go on; the step refuses (a
 * {@link BadInputException}) only when no face at all could be explained.
 */
public final class ExplainStep {

  /** Which maps to make. */
  public enum Method {
    /** Exact class activation maps when the model is explainable, else occlusion sensitivity. */
    AUTO,
    /** Exact class activation maps; a model that declares no feature maps is refused. */
    CAM,
    /** Occlusion sensitivity, for any contract model. */
    OCCLUSION;

    /**
     * The method named on the command line: {@code auto}, {@code cam} or {@code occlusion}.
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static Method parse(String name) {
      for (Method m : values()) {
        if (m.name().equalsIgnoreCase(name.strip())) {
          return m;
        }
      }
      throw new IllegalArgumentException(
          "unknown --method '" + name + "': expected auto, cam or occlusion");
    }
  }

  /** File name endings taken from a folder named as input (files named directly are all tried). */
  public static final List<String> IMAGE_SUFFIXES =
      List.of(".jpg", ".jpeg", ".png", ".bmp", ".webp");

  /**
   * @param inputs image files, or folders whose images (by file name ending, not recursive) are
   *     taken in name order
   * @param outDir where the PNGs and the two number files go (created)
   * @param model a model location as {@code dmtl infer --model} takes it
   * @param faces how faces are found
   * @param tasks task names to explain; empty for every task of the model
   * @param grid the occlusion grid (occlusion only; a CAM's grid is the model's feature map)
   * @param modelOptions ONNX Runtime device and threads
   * @param overwrite replace an earlier result in {@code outDir}
   * @param method which maps to make
   */
  public record Request(
      List<Path> inputs,
      Path outDir,
      String model,
      FaceMode faces,
      List<String> tasks,
      OcclusionGrid grid,
      ModelOptions modelOptions,
      boolean overwrite,
      Method method) {
    public Request {
      inputs = List.copyOf(inputs);
      if (inputs.isEmpty()) {
        throw new IllegalArgumentException("name at least one input image or folder");
      }
      Objects.requireNonNull(outDir, "outDir");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(faces, "faces");
      tasks = List.copyOf(tasks);
      Objects.requireNonNull(grid, "grid");
      Objects.requireNonNull(modelOptions, "modelOptions");
      Objects.requireNonNull(method, "method");
    }
  }

  /**
   * @param faces every explained face, in input order
   * @param overlays the PNG of each face, same order
   * @param skipped what could not be explained, and why
   * @param files the JSON and CSV files
   * @param method the method the maps were made with
   * @param rows rows of every map's grid
   * @param columns columns of every map's grid
   */
  public record Outcome(
      List<ExplainedFace> faces,
      List<Path> overlays,
      List<ExplanationFiles.Skip> skipped,
      List<Path> files,
      SaliencyMethod method,
      int rows,
      int columns) {
    public Outcome {
      faces = List.copyOf(faces);
      overlays = List.copyOf(overlays);
      skipped = List.copyOf(skipped);
      files = List.copyOf(files);
    }

    /** Mean wall seconds of one face's maps; NaN when no face was explained. */
    public double secondsPerFace() {
      return faces.stream().mapToDouble(ExplainedFace::seconds).average().orElse(Double.NaN);
    }
  }

  /** Receives each skipped input as it happens, for the console. */
  @FunctionalInterface
  public interface SkipListener {
    void skipped(ExplanationFiles.Skip skip);
  }

  /**
   * @throws IllegalArgumentException when a task name is not one of the model's
   * @throws BadInputException when the output folder holds a result (and no {@code overwrite}),
   *     {@code --method cam} meets a model without feature maps, the model's input is smaller than
   *     the occlusion grid, or no face could be explained
   * @throws InvalidRunException when the model cannot be read
   * @throws ContractViolationException when the model breaks the contract, or lacks the face
   *     template {@code --faces detect} needs
   */
  public Outcome run(Request request, SkipListener listener)
      throws BadInputException,
          InvalidRunException,
          ContractViolationException,
          DeviceUnavailableException,
          IOException {
    byte[] bytes = ModelLocation.read(ModelLocation.canonical(request.model()));
    try (DmtlModel model = DmtlModel.load(request.model(), bytes, request.modelOptions());
        FacePredictor predictor = model.newPredictor()) {
      List<TaskSpec> tasks = tasks(model, request.tasks());
      SaliencyMethod method = method(request, model, predictor);
      Path json = request.outDir().resolve(ExplanationFiles.json(method));
      if (Files.exists(json) && !request.overwrite()) {
        throw new BadInputException(
            "output folder "
                + request.outDir()
                + " already holds "
                + ExplanationFiles.json(method)
                + "; use --overwrite or another --out");
      }
      Maker maker;
      int rows;
      int columns;
      if (method == SaliencyMethod.OCCLUSION) {
        var input = model.contract().input();
        if (input.width() < request.grid().size() || input.height() < request.grid().size()) {
          throw new BadInputException(
              request.model()
                  + " takes "
                  + input.width()
                  + "x"
                  + input.height()
                  + " crops, smaller than the "
                  + request.grid().size()
                  + "x"
                  + request.grid().size()
                  + " occlusion grid; use a smaller --grid");
        }
        OcclusionExplainer explainer =
            new OcclusionExplainer(predictor, request.grid(), OcclusionExplainer.DEFAULT_BATCH);
        maker =
            crop -> {
              FaceExplanation e = explainer.explain(crop.crop(), tasks);
              return new Made(e.prediction(), e.maps().stream().map(SaliencyMap::of).toList());
            };
        rows = request.grid().size();
        columns = rows;
      } else {
        int[] grid = predictor.camGrid().get(tasks.get(0).name());
        rows = grid[0];
        columns = grid[1];
        maker =
            crop -> {
              FacePrediction p = predictor.predict(List.of(crop), true).get(0);
              return new Made(p, tasks.stream().map(t -> p.maps().get(t.name())).toList());
            };
      }
      FaceExtractor extractor = request.faces().create(model.file());
      Files.createDirectories(request.outDir());
      Run run = new Run(request, tasks, listener, method, rows, columns);
      for (Path file : expand(request.inputs(), run)) {
        run.explain(file, extractor, maker);
      }
      if (run.faces.isEmpty()) {
        throw new BadInputException(
            "no face could be explained in "
                + request.inputs().size()
                + " input(s)"
                + (run.skipped.isEmpty() ? "" : "; first: " + line(run.skipped.get(0))));
      }
      List<Path> files =
          ExplanationFiles.write(
              request.outDir(),
              model.file(),
              method,
              rows,
              columns,
              method == SaliencyMethod.OCCLUSION ? request.grid().grey() : null,
              run.entries,
              run.skipped);
      return new Outcome(run.faces, run.overlays, run.skipped, files, method, rows, columns);
    }
  }

  /** The method {@code request} asks for, resolved against what the model declares. */
  private static SaliencyMethod method(Request request, DmtlModel model, FacePredictor predictor)
      throws BadInputException {
    return switch (request.method()) {
      case OCCLUSION -> SaliencyMethod.OCCLUSION;
      case AUTO ->
          predictor.explainable() ? SaliencyMethod.CLASS_ACTIVATION : SaliencyMethod.OCCLUSION;
      case CAM -> {
        if (!predictor.explainable()) {
          throw new BadInputException(
              "--method cam: "
                  + request.model()
                  + " has no class activation maps (explainable: "
                  + model.contract().explainability()
                  + "); use --method occlusion or auto");
        }
        yield SaliencyMethod.CLASS_ACTIVATION;
      }
    };
  }

  /** A face's prediction and its maps, one per explained task. */
  private record Made(FacePrediction prediction, List<SaliencyMap> maps) {}

  /** Makes one face's maps with the run's method. */
  @FunctionalInterface
  private interface Maker {
    Made make(FaceCrop crop) throws InferenceException;
  }

  private static String line(ExplanationFiles.Skip s) {
    return s.input() + ": " + s.reason();
  }

  /** The requested tasks in the model's order; unknown names are a usage error. */
  private static List<TaskSpec> tasks(DmtlModel model, List<String> names) {
    List<TaskSpec> all = model.contract().tasks();
    if (names.isEmpty()) {
      return all;
    }
    Set<String> known = all.stream().map(TaskSpec::name).collect(Collectors.toSet());
    for (String name : names) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "unknown task '"
                + name
                + "': this model has "
                + all.stream().map(TaskSpec::name).collect(Collectors.joining(", "))
                + " (or all)");
      }
    }
    return all.stream().filter(t -> names.contains(t.name())).toList();
  }

  /** Files as named; folders become their images in name order; missing paths are skipped. */
  private static List<Path> expand(List<Path> inputs, Run run) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> listed = Files.list(p)) {
          listed.filter(f -> Files.isRegularFile(f) && isImageName(f)).sorted().forEach(files::add);
        }
      } else if (!Files.exists(p)) {
        run.skip(p, "not found");
      } else {
        files.add(p);
      }
    }
    return files;
  }

  private static boolean isImageName(Path f) {
    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
    return IMAGE_SUFFIXES.stream().anyMatch(name::endsWith);
  }

  /** The mutable state of one run: results so far, output names taken. */
  private static final class Run {
    private final Request request;
    private final List<TaskSpec> tasks;
    private final SkipListener listener;
    private final ImageDecoder decoder = new ImageDecoder(DecodeLimits.DEFAULTS);
    private final List<ExplainedFace> faces = new ArrayList<>();
    private final List<Path> overlays = new ArrayList<>();
    private final List<ExplanationFiles.FaceEntry> entries = new ArrayList<>();
    private final List<ExplanationFiles.Skip> skipped = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final SaliencyMethod method;
    private final int rows;
    private final int columns;

    Run(
        Request request,
        List<TaskSpec> tasks,
        SkipListener listener,
        SaliencyMethod method,
        int rows,
        int columns) {
      this.request = request;
      this.tasks = tasks;
      this.listener = listener;
      this.method = method;
      this.rows = rows;
      this.columns = columns;
    }

    void skip(Path input, String reason) {
      ExplanationFiles.Skip s = new ExplanationFiles.Skip(input.toString(), reason);
      skipped.add(s);
      listener.skipped(s);
    }

    void explain(Path file, FaceExtractor extractor, Maker maker) throws IOException {
      List<FaceCrop> crops;
      try {
        DecodedImage decoded = decoder.decode(file);
        crops = extractor.extract(decoded.image());
      } catch (NoSuchFileException e) {
        skip(file, "not found");
        return;
      } catch (IOException e) {
        skip(file, "cannot be read (" + e.getMessage() + ")");
        return;
      } catch (ImageDecodeException e) {
        skip(file, "unreadable image (" + e.getMessage() + ")");
        return;
      } catch (FaceExtractionException e) {
        skip(file, "face detection failed (" + e.getMessage() + ")");
        return;
      }
      if (crops.isEmpty()) {
        skip(file, "no face found");
        return;
      }
      for (FaceCrop crop : crops) {
        var d = crop.detection();
        // a detected face smaller than the grid has cells narrower than one of its own pixels:
        // its map would describe the upscaling, not the face
        if (d != null && (d.width() < columns || d.height() < rows)) {
          skip(
              file,
              String.format(
                  Locale.ROOT,
                  "face %d is %.0fx%.0f px, smaller than the %dx%d %s",
                  crop.faceIndex(),
                  d.width(),
                  d.height(),
                  rows,
                  columns,
                  method == SaliencyMethod.OCCLUSION ? "occlusion grid" : "class activation map"));
          continue;
        }
        Made made;
        long start = System.nanoTime();
        try {
          made = maker.make(crop);
        } catch (InferenceException ex) {
          skip(file, "face " + crop.faceIndex() + ": " + ex.getMessage());
          continue;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ExplainedFace face =
            new ExplainedFace(
                file,
                crop.faceIndex(),
                d,
                crop.crop(),
                made.prediction(),
                method,
                made.maps(),
                seconds);
        Path png = request.outDir().resolve(overlayName(file, crop.faceIndex()));
        OverlayImage.write(
            OverlayImage.draw(
                crop.crop(),
                made.prediction(),
                tasks,
                made.maps(),
                method,
                file.getFileName() + ", face " + crop.faceIndex()),
            png);
        faces.add(face);
        overlays.add(png);
        entries.add(
            ExplanationFiles.entry(
                face, tasks, png.getFileName().toString(), answers(made.prediction())));
      }
    }

    private List<String> answers(FacePrediction p) {
      return tasks.stream()
          .map(
              t ->
                  t.kind() == TaskKind.ORDINAL
                      ? String.format(Locale.ROOT, "%.1f", p.ordinal(t.name()).expectedRank())
                      : p.nominal(t.name()).label())
          .toList();
    }

    /**
     * {@code <stem>-face<i>-occlusion-sensitivity.png} or {@code
     * <stem>-face<i>-class-activation-map.png}; a stem seen before (two folders with the same file
     * name) gets {@code -2}, {@code -3}… so no overlay overwrites another.
     */
    private String overlayName(Path file, int faceIndex) {
      String name = file.getFileName().toString();
      int dot = name.lastIndexOf('.');
      String stem = dot > 0 ? name.substring(0, dot) : name;
      String base = stem + "-face" + faceIndex;
      String candidate = base;
      for (int n = 2; !names.add(candidate); n++) {
        candidate = base + "-" + n;
      }
      return candidate
          + (method == SaliencyMethod.OCCLUSION
              ? "-occlusion-sensitivity.png"
              : "-class-activation-map.png");
    }
  }
}
