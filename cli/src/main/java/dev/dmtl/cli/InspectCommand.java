package dev.dmtl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dmtl.contract.decode.UncertaintyWeights;
import dev.dmtl.contract.model.ContractMetadata;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.FaceTemplate;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.ModelContractReader;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.model.BundledModel;
import dev.dmtl.pipeline.InvalidRunException;
import java.io.IOException;
import java.io.PrintWriter;
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
    description = "Validate a DMTL ONNX model against the contract and print what it declares: input, tasks, "
        + "labels, ranks, SHA-256, uncertainty weights, face template, provenance.")
final class InspectCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(paramLabel = "MODEL.onnx", arity = "0..1",
      description = "The model file. Default: the model bundled with dmtl.")
  String model;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() throws ContractViolationException, IOException, InvalidRunException {
    ModelFile file = model == null ? bundled() : ModelContractReader.read(Paths.get(model));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(file)));
    } else {
      print(file, out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static ModelFile bundled() throws IOException, ContractViolationException, InvalidRunException {
    byte[] bytes = BundledModel.read().orElseThrow(() -> new InvalidRunException(
        "this build bundles no default model (" + BundledModel.RESOURCE + "); name a MODEL.onnx"));
    return ModelContractReader.read(BundledModel.SOURCE, bytes);
  }

  private static ObjectNode toJson(ModelFile file) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("source", file.source());
    root.put("sha256", file.sha256());
    root.put("size_bytes", file.sizeBytes());
    root.put("producer", file.producer());
    root.put("opset", file.opset());
    ObjectNode metadata = root.putObject("metadata");
    for (Map.Entry<String, String> e : ContractMetadata.toMetadata(file.contract()).entrySet()) {
      metadata.set(e.getKey(), mapper.readTree(e.getValue()));
    }
    return root;
  }

  static void print(ModelFile file, PrintWriter out) {
    ModelContract c = file.contract();
    InputSpec in = c.input();
    out.println("model:       " + file.source());
    out.println("sha256:      " + file.sha256());
    out.printf(Locale.ROOT, "size:        %,d bytes%n", file.sizeBytes());
    out.println("producer:    " + (file.producer().isEmpty() ? "(not stated)" : file.producer()) + ", opset " + file.opset());
    out.println("contract:    " + ModelContract.VERSION);
    out.printf(Locale.ROOT, "input:       '%s' float32 NCHW [batch, 3, %d, %d] RGB, fed as (v / %s - mean) / std,"
        + " mean %s, std %s%n", in.name(), in.height(), in.width(), number(in.scale()), numbers(in.mean()), numbers(in.std()));
    out.println("tasks:");
    for (TaskSpec t : c.tasks()) {
      String what = t.kind() == TaskKind.ORDINAL
          ? "ranks " + ranks(t.ranks()) + " (" + t.ranks().size() + " ranks, " + t.outputWidth() + " threshold logits)"
          : "labels " + String.join(", ", t.labels());
      out.printf(Locale.ROOT, "  %-10s %-8s output '%s' [batch, %d]  %s%n", t.name(), t.kind().jsonName(), t.output(),
          t.outputWidth(), what);
    }
    if (!c.logVariance().isEmpty()) {
      Map<String, Double> logVariance = new java.util.LinkedHashMap<>(); // in the model's task order
      c.tasks().stream().filter(t -> c.logVariance().containsKey(t.name()))
          .forEach(t -> logVariance.put(t.name(), c.logVariance().get(t.name())));
      Map<String, Double> beta = UncertaintyWeights.beta(logVariance);
      out.println("uncertainty: log variance " + format(logVariance) + "; task weights beta (Eq. 16) " + format(beta));
    }
    c.template().ifPresentOrElse(
        t -> out.println("face template: " + t.width() + "x" + t.height() + ", " + points(t.points())),
        () -> out.println("face template: none (aligned crops only; --faces detect needs one)"));
    c.provenance().ifPresentOrElse(p -> provenance(p, out), () -> out.println("provenance:  (none)"));
  }

  /**
   * The provenance as a few readable lines: who made the model from what, and how well it did.
   * The whole JSON (config, per-epoch history) is in {@code --json}.
   */
  private static void provenance(String json, PrintWriter out) {
    JsonNode p;
    try {
      p = new ObjectMapper().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      out.println("provenance:  (not JSON) " + json);
      return;
    }
    out.println("provenance:  (dmtl inspect --json for all of it)");
    line(out, "tool", text(p, "tool") + " " + text(p, "tool_version") + (p.has("code_version")
        ? " (code " + text(p, "code_version") + ")" : ""));
    line(out, "exported", text(p, "exported_at"));
    JsonNode data = p.path("data");
    if (!data.isMissingNode()) {
      line(out, "data", text(data, "name") + "; labels: " + text(data, "labels"));
      line(out, "split", text(data, "split"));
      line(out, "licence", text(data, "licence"));
    }
    JsonNode config = p.path("config");
    if (!config.isMissingNode()) {
      line(out, "training", String.format(Locale.ROOT, "%s of %s epochs, %s px, batch %s, %s lr %s, age loss %s, "
          + "weighting %s, seed %s, checkpoint %s%s", text(p, "epochs_completed"), text(config, "epochs"),
          text(config.path("network"), "inputSize"), text(config, "batchSize"), text(config, "schedule").toLowerCase(Locale.ROOT),
          text(config, "learningRate"), text(config, "ageLoss").toLowerCase(Locale.ROOT), text(config, "weighting"),
          text(p, "seed"), text(p, "checkpoint"), p.path("flip_average").asBoolean() ? ", flip-averaged" : ""));
    }
    JsonNode metrics = p.path("held_out_metrics");
    if (!metrics.isMissingNode()) {
      StringBuilder sb = new StringBuilder(text(metrics, "split") + " split, " + text(metrics, "images") + " images:");
      for (String key : List.of("age_mae", "age_group_accuracy", "gender_accuracy", "race_accuracy")) {
        JsonNode m = metrics.path(key);
        if (!m.isMissingNode()) {
          sb.append(String.format(Locale.ROOT, " %s %.4f [%.4f, %.4f]", key, m.path("value").asDouble(),
              m.path("lower").asDouble(), m.path("upper").asDouble()));
        }
      }
      line(out, "held out", sb.toString());
    }
  }

  private static void line(PrintWriter out, String key, String value) {
    out.printf(Locale.ROOT, "  %-10s %s%n", key, value);
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).isMissingNode() ? "?" : node.path(field).asText();
  }

  private static String ranks(List<Integer> ranks) {
    boolean consecutive = true;
    for (int i = 1; i < ranks.size(); i++) {
      consecutive &= ranks.get(i) == ranks.get(i - 1) + 1;
    }
    return consecutive ? ranks.get(0) + ".." + ranks.get(ranks.size() - 1) : ranks.toString();
  }

  private static String format(Map<String, Double> values) {
    return values.entrySet().stream().map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.3f", e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String points(List<FaceTemplate.Point> points) {
    return points.stream().map(p -> String.format(Locale.ROOT, "(%.1f, %.1f)", p.x(), p.y()))
        .collect(Collectors.joining(" "));
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String numbers(List<Double> values) {
    return values.stream().map(InspectCommand::number).collect(Collectors.joining(", ", "[", "]"));
  }
}
