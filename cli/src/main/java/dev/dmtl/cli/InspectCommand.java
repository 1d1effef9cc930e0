package dev.dmtl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dmtl.app.Evaluation;
import dev.dmtl.contract.decode.UncertaintyWeights;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.model.Activation;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.FaceTemplate;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.ModelContractReader;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.contract.model.Readout;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.training.TrainingProvenance;
import dev.dmtl.inference.model.BundledModel;
import dev.dmtl.pipeline.InvalidRunException;
import dev.dmtl.training.TrainConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dmtl inspect}: what a model declares under the contract, after validating it. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Validate a DMTL ONNX model against the contract and print what it declares: input, tasks, "
            + "labels, ranks, SHA-256, uncertainty weights, face template, provenance.")
final class InspectCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(
      paramLabel = "MODEL.onnx",
      arity = "0..1",
      description = "The model file. Default: the model bundled with dmtl.")
  String model;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Option(
      names = "--spec",
      paramLabel = "SPEC.json",
      description =
          "Check the model against this spec instead of its own metadata and print what it"
              + " declares (see 'dmtl contract').")
  java.nio.file.Path specFile;

  @Override
  public Integer call() throws ContractViolationException, IOException, InvalidRunException {
    if (specFile != null && model == null) {
      throw new InvalidRunException("--spec needs a MODEL.onnx to check it against");
    }
    ModelFile file =
        model == null
            ? bundled()
            : ModelContractReader.read(
                Paths.get(model),
                specFile == null ? null : dev.dmtl.contract.model.ContractSpec.read(specFile));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new String(DmtlJson.pretty(file), StandardCharsets.UTF_8));
    } else {
      print(file, out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static ModelFile bundled()
      throws IOException, ContractViolationException, InvalidRunException {
    byte[] bytes =
        BundledModel.read()
            .orElseThrow(
                () ->
                    new InvalidRunException(
                        "this build bundles no default model ("
                            + BundledModel.RESOURCE
                            + "); name a MODEL.onnx"));
    return ModelContractReader.read(BundledModel.SOURCE, bytes);
  }

  static void print(ModelFile file, PrintWriter out) {
    ModelContract c = file.contract();
    InputSpec in = c.input();
    out.println("model:       " + file.source());
    out.println("sha256:      " + file.sha256());
    out.printf(Locale.ROOT, "size:        %,d bytes%n", file.sizeBytes());
    out.println(
        "producer:    "
            + (file.producer().isEmpty() ? "(not stated)" : file.producer())
            + ", opset "
            + file.opset());
    out.println(
        "contract:    "
            + c.contractVersion()
            + (file.spec() == null
                ? ""
                : " (from spec "
                    + file.spec().source()
                    + ", sha256 "
                    + file.spec().sha256()
                    + "; the model file is not changed)"));
    boolean nchw = in.layout() == InputSpec.Layout.NCHW;
    out.printf(
        Locale.ROOT,
        "input:       '%s' float32 %s [batch, %s] %s, fed as (v / %s - mean) / std,"
            + " mean %s, std %s%n",
        in.name(),
        in.layout(),
        nchw ? "3, " + in.height() + ", " + in.width() : in.height() + ", " + in.width() + ", 3",
        in.channels(),
        number(in.scale()),
        numbers(in.mean()),
        numbers(in.std()));
    out.println("tasks:");
    for (TaskSpec t : c.tasks()) {
      out.printf(
          Locale.ROOT,
          "  %-10s %-8s output '%s' %s  %s%n",
          t.name(),
          t.readout().jsonName(),
          t.output(),
          t.slice() == null ? "[batch, " + t.outputWidth() + "]" : "slice " + t.slice(),
          describe(t));
    }
    out.println("explainable: " + c.explainability());
    if (!c.logVariance().isEmpty()) {
      Map<String, Double> logVariance =
          new java.util.LinkedHashMap<>(); // in the model's task order
      c.tasks().stream()
          .filter(t -> c.logVariance().containsKey(t.name()))
          .forEach(t -> logVariance.put(t.name(), c.logVariance().get(t.name())));
      Map<String, Double> beta = UncertaintyWeights.beta(logVariance);
      out.println(
          "uncertainty: log variance "
              + format(logVariance)
              + "; task weights beta (Eq. 16) "
              + format(beta));
    }
    c.template()
        .ifPresentOrElse(
            t ->
                out.println(
                    "face template: " + t.width() + "x" + t.height() + ", " + points(t.points())),
            () ->
                out.println(
                    "face template: none (--faces detect aligns to the default template, see docs/OWN_MODELS.md)"));
    if (c.provenance() != null) {
      provenance(c.provenance(), out);
    } else {
      out.println("provenance:  (none)");
    }
  }

  /**
   * The provenance as a few readable lines: who made the model from what, and how well it did. The
   * whole record (config, per-epoch history) is in {@code --json}.
   */
  private static void provenance(JsonNode json, PrintWriter out) {
    TrainingProvenance p;
    try {
      p = TrainingProvenance.read(json);
    } catch (IllegalArgumentException e) {
      out.println(
          "provenance:  not dmtl's training record ("
              + e.getMessage()
              + "); dmtl inspect --json shows it");
      return;
    }
    if (p.tool() == null) {
      // not written by dmtl export (e.g. a spec's own note on where the model came from)
      out.println("provenance:  " + json);
      return;
    }
    out.println("provenance:  (dmtl inspect --json for all of it)");
    line(
        out,
        "tool",
        text(p.tool())
            + " "
            + text(p.toolVersion())
            + (p.codeVersion() != null ? " (code " + p.codeVersion() + ")" : ""));
    line(out, "exported", text(p.exportedAt()));
    if (p.data() != null) {
      line(out, "data", text(p.data().name()) + "; labels: " + text(p.data().labels()));
      line(out, "split", text(p.data().split()));
      line(out, "licence", text(p.data().licence()));
    }
    if (p.config() != null) {
      TrainConfig c = DmtlJson.read(p.config(), TrainConfig.class, "dmtl.provenance.config");
      line(
          out,
          "training",
          String.format(
              Locale.ROOT,
              "%s of %d epochs, %d px, batch %d, %s lr %s, age loss %s, "
                  + "weighting %s, seed %s, checkpoint %s%s",
              text(p.epochsCompleted()),
              c.epochs(),
              c.network().inputSize(),
              c.batchSize(),
              c.schedule().name().toLowerCase(Locale.ROOT),
              c.learningRate(),
              c.ageLoss().name().toLowerCase(Locale.ROOT),
              c.weighting(),
              text(p.seed()),
              text(p.checkpoint()),
              Boolean.TRUE.equals(p.flipAverage()) ? ", flip-averaged" : ""));
    }
    if (p.heldOutMetrics() != null) {
      Evaluation.Report held =
          Evaluation.read(p.heldOutMetrics(), "dmtl.provenance.held_out_metrics");
      StringBuilder sb =
          new StringBuilder(text(held.split()) + " split, " + held.images() + " images:");
      for (String key :
          List.of("age_mae", "age_group_accuracy", "gender_accuracy", "race_accuracy")) {
        Evaluation.Value v = held.metrics().get(key);
        if (v != null) {
          sb.append(
              String.format(
                  Locale.ROOT, " %s %.4f [%.4f, %.4f]", key, v.value(), v.lower(), v.upper()));
        }
      }
      line(out, "held out", sb.toString());
    }
  }

  /** What a task's values are, as one line. */
  private static String describe(TaskSpec t) {
    String what =
        switch (t.readout()) {
          case ORDINAL ->
              "ranks "
                  + ranks(t.ranks())
                  + " ("
                  + t.ranks().size()
                  + " ranks, "
                  + t.outputWidth()
                  + " threshold "
                  + (t.activationOrDefault() == Activation.LOGITS ? "logits" : "probabilities")
                  + ")";
          case NOMINAL -> "labels " + String.join(", ", t.labels());
          case REGRESSION -> "value x " + number(t.scale()) + " + " + number(t.offsetOrZero());
          case DISTRIBUTION ->
              "distribution over ranks " + ranks(t.ranks()) + " (expected value and argmax)";
          case BINNED ->
              "age bins "
                  + t.bins().stream()
                      .map(b -> b.low() + "-" + b.high())
                      .collect(Collectors.joining(", "))
                  + " labelled "
                  + String.join(", ", t.labels());
        };
    if (t.activation() != null && t.readout() != Readout.ORDINAL) {
      what += ", " + t.activation().jsonName();
    }
    if (t.isMapped()) {
      what +=
          "; label map "
              + t.labelMap().entrySet().stream()
                  .map(e -> e.getKey() + "->" + e.getValue())
                  .collect(Collectors.joining(", "));
    }
    return what;
  }

  private static String text(Object value) {
    return value == null ? "?" : value.toString();
  }

  private static void line(PrintWriter out, String key, String value) {
    out.printf(Locale.ROOT, "  %-10s %s%n", key, value);
  }

  private static String ranks(List<Integer> ranks) {
    boolean consecutive = true;
    for (int i = 1; i < ranks.size(); i++) {
      consecutive &= ranks.get(i) == ranks.get(i - 1) + 1;
    }
    return consecutive ? ranks.get(0) + ".." + ranks.get(ranks.size() - 1) : ranks.toString();
  }

  private static String format(Map<String, Double> values) {
    return values.entrySet().stream()
        .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.3f", e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String points(List<FaceTemplate.Point> points) {
    return points.stream()
        .map(p -> String.format(Locale.ROOT, "(%.1f, %.1f)", p.x(), p.y()))
        .collect(Collectors.joining(" "));
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String numbers(List<Double> values) {
    return values.stream().map(InspectCommand::number).collect(Collectors.joining(", ", "[", "]"));
  }
}
