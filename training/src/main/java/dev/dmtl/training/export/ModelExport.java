package dev.dmtl.training.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.model.ContractMetadata;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.FaceTemplate;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.ModelContractReader;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.training.Checkpoint;
import dev.dmtl.training.EpochRecord;
import dev.dmtl.training.RunFolder;
import dev.dmtl.training.TrainConfig;
import dev.dmtl.training.TrainingRun;
import dev.dmtl.training.WeightAveraging;
import dev.dmtl.training.net.TaskHeads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Exports a training run (its config and a checkpoint) to a contract-valid ONNX file with the
 * learned log-variances, the face template and provenance: data fingerprint, config, seed, code
 * version, epochs, the per-epoch history (losses, β, validation metrics) and held-out metrics when
 * given. The file is validated with {@link ModelContractReader} before it is moved into place.
 */
public final class ModelExport {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What to export.
   *
   * @param run the training run folder
   * @param checkpoint which checkpoint of the run (last or best)
   * @param output the .onnx file to write
   * @param faceTemplate the template JSON ({@code {"size":[w,h],"points":[[x,y]x5]}}), or null
   * @param flipAverage bake test-time flip averaging into the graph
   * @param heldOutMetrics JSON of held-out (test split) metrics to embed, or null
   * @param toolVersion version written as producer and in provenance
   * @param codeVersion source revision (e.g. a git commit), or null
   * @param dataFingerprint training data fingerprint, or null to take it from the run
   */
  public record Request(Path run, Path checkpoint, Path output, Path faceTemplate, boolean flipAverage,
      String heldOutMetrics, String toolVersion, String codeVersion, String dataFingerprint) {}

  private ModelExport() {}

  public static ModelFile export(Request request) throws IOException, ContractViolationException {
    RunFolder folder = new RunFolder(request.run());
    TrainConfig config = folder.readConfig();
    List<EpochRecord> history = folder.readHistory();
    try (TrainingRun run = new TrainingRun(config, request.run(), System.err)) {
      Checkpoint.State state = run.load(request.checkpoint());
      TaskHeads heads = run.network().heads();
      List<TaskSpec> tasks = heads.tasks().stream().map(TaskHeads.Head::spec).toList();
      float[] s = run.network().uncertainty().logVariance().getArray().toFloatArray();
      Map<String, Double> logVariance = new LinkedHashMap<>();
      for (int t = 0; t < tasks.size(); t++) {
        logVariance.put(tasks.get(t).name(), (double) s[t]);
      }
      FaceTemplate template = request.faceTemplate() == null ? null : readTemplate(request.faceTemplate());
      String provenance = provenance(request, config, state, history);
      ModelContract contract = new ModelContract(run.input(), tasks, template, logVariance, provenance);
      byte[] bytes = OnnxExporter.export(run.network(), contract, request.flipAverage(), request.toolVersion());
      ModelFile validated = ModelContractReader.read(request.output().toString(), bytes);
      Path out = request.output().toAbsolutePath();
      Files.createDirectories(out.getParent());
      Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return validated;
    }
  }

  /** Reads a face template JSON file in the contract's {@code dmtl.face_template} format. */
  public static FaceTemplate readTemplate(Path file) throws IOException {
    String json = Files.readString(file);
    try {
      return ContractMetadata.fromMetadata(Map.of(
          ContractMetadata.KEY_CONTRACT, "\"1\"",
          ContractMetadata.KEY_INPUT, "{\"name\":\"x\",\"layout\":\"NCHW\",\"channels\":\"RGB\",\"height\":1,\"width\":1,"
              + "\"scale\":1,\"mean\":[0,0,0],\"std\":[1,1,1]}",
          ContractMetadata.KEY_TASKS, "[{\"name\":\"t\",\"kind\":\"nominal\",\"output\":\"o\",\"labels\":[\"a\",\"b\"]}]",
          ContractMetadata.KEY_FACE_TEMPLATE, json)).faceTemplate();
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": not a face template: " + e.getMessage(), e);
    }
  }

  private static String provenance(Request request, TrainConfig config, Checkpoint.State state, List<EpochRecord> history)
      throws IOException {
    ObjectNode p = JSON.createObjectNode();
    p.put("tool", "dmtl");
    p.put("tool_version", request.toolVersion());
    if (request.codeVersion() != null) {
      p.put("code_version", request.codeVersion());
    }
    p.put("exported_at", Instant.now().toString());
    ObjectNode data = p.putObject("data");
    data.put("name", Path.of(config.data()).getFileName().toString());
    data.put("labels", "UTKFace file names (age_gender_race_*)");
    data.put("split", "SHA-256(file name) first 8 bytes mod 100: 0-79 train, 80-89 val, 90-99 test");
    data.put("licence", "UTKFace: non-commercial research use only; these weights inherit that restriction");
    if (request.dataFingerprint() != null) {
      data.put("fingerprint_sha256", request.dataFingerprint());
    }
    p.set("config", RunFolder.toJsonTree(config));
    p.put("seed", config.seed());
    p.put("epochs_completed", state.epoch());
    p.put("checkpoint", request.checkpoint().getFileName().toString());
    p.put("checkpoint_sha256", ContentHash.sha256Hex(request.checkpoint()));
    p.put("flip_average", request.flipAverage());
    ArrayNode h = p.putArray("history");
    List<EpochRecord> upTo = new ArrayList<>();
    for (EpochRecord r : history) {
      if (r.epoch() <= state.epoch()) {
        upTo.add(r);
      }
    }
    for (EpochRecord r : upTo) {
      h.add(RunFolder.toJsonTree(r));
    }
    WeightAveraging.Summary average = WeightAveraging.readSummary(request.checkpoint());
    if (average != null) {
      // the validation numbers are the average's own, not those of the last epoch it includes
      p.set("weight_average", RunFolder.toJsonTree(average));
      p.set("validation", RunFolder.toJsonTree(average.validation()));
    } else {
      Optional<EpochRecord> last = upTo.isEmpty() ? Optional.empty() : Optional.of(upTo.get(upTo.size() - 1));
      last.ifPresent(r -> p.set("validation", RunFolder.toJsonTree(r.validation())));
    }
    if (request.heldOutMetrics() != null) {
      JsonNode metrics = JSON.readTree(request.heldOutMetrics());
      p.set("held_out_metrics", metrics);
    }
    return JSON.writeValueAsString(p);
  }
}
