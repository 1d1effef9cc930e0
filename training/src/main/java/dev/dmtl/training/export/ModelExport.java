package dev.dmtl.training.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.model.ContractMetadata;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.FaceTemplate;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.ModelContractReader;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.training.EpochRecord;
import dev.dmtl.contract.training.TrainingProvenance;
import dev.dmtl.training.Checkpoint;
import dev.dmtl.training.RunFolder;
import dev.dmtl.training.TrainConfig;
import dev.dmtl.training.TrainingListener;
import dev.dmtl.training.TrainingRun;
import dev.dmtl.training.WeightAveraging;
import dev.dmtl.training.net.TaskHeads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports a training run (its config and a checkpoint) to a contract-valid ONNX file with the
 * learned log-variances, the face template and provenance: data fingerprint, config, seed, code
 * version, epochs, the per-epoch history (losses, β, validation metrics) and held-out metrics when
 * given. The file is validated with {@link ModelContractReader} before it is moved into place.
 */
public final class ModelExport {

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
  public record Request(
      Path run,
      Path checkpoint,
      Path output,
      Path faceTemplate,
      boolean flipAverage,
      String heldOutMetrics,
      String toolVersion,
      String codeVersion,
      String dataFingerprint) {}

  private ModelExport() {}

  public static ModelFile export(Request request) throws IOException, ContractViolationException {
    RunFolder folder = new RunFolder(request.run());
    TrainConfig config = folder.readConfig();
    List<EpochRecord> history = folder.readHistory();
    try (TrainingRun run = new TrainingRun(config, request.run(), TrainingListener.NONE)) {
      Checkpoint.State state = run.load(request.checkpoint());
      TaskHeads heads = run.network().heads();
      List<TaskSpec> tasks = heads.tasks().stream().map(TaskHeads.Head::spec).toList();
      float[] s = run.network().uncertainty().logVariance().getArray().toFloatArray();
      Map<String, Double> logVariance = new LinkedHashMap<>();
      for (int t = 0; t < tasks.size(); t++) {
        logVariance.put(tasks.get(t).name(), (double) s[t]);
      }
      FaceTemplate template =
          request.faceTemplate() == null ? null : readTemplate(request.faceTemplate());
      TrainingProvenance provenance = provenance(request, config, state, history);
      ModelContract contract =
          new ModelContract(run.input(), tasks, template, logVariance, DmtlJson.tree(provenance));
      byte[] bytes =
          OnnxExporter.export(
              run.network(), contract, request.flipAverage(), request.toolVersion());
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
      return ContractMetadata.parseFaceTemplate(json);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": not a face template: " + e.getMessage(), e);
    }
  }

  private static TrainingProvenance provenance(
      Request request, TrainConfig config, Checkpoint.State state, List<EpochRecord> history)
      throws IOException {
    TrainingProvenance.TrainingData data =
        new TrainingProvenance.TrainingData(
            Path.of(config.data()).getFileName().toString(),
            "UTKFace file names (age_gender_race_*)",
            "SHA-256(file name) first 8 bytes mod 100: 0-79 train, 80-89 val, 90-99 test",
            "UTKFace: non-commercial research use only; these weights inherit that restriction",
            request.dataFingerprint());
    List<EpochRecord> upTo = history.stream().filter(r -> r.epoch() <= state.epoch()).toList();
    WeightAveraging.Summary average = WeightAveraging.readSummary(request.checkpoint());
    // an average's validation numbers are its own, not those of the last epoch it includes
    EpochRecord.ValidationMetrics validation =
        average != null
            ? average.validation()
            : upTo.isEmpty() ? null : upTo.get(upTo.size() - 1).validation();
    JsonNode heldOut =
        request.heldOutMetrics() == null
            ? null
            : DmtlJson.parse(request.heldOutMetrics(), "the held-out metrics");
    return new TrainingProvenance(
        TrainingProvenance.SCHEMA_VERSION,
        "dmtl",
        request.toolVersion(),
        request.codeVersion(),
        Instant.now(),
        data,
        DmtlJson.tree(config),
        config.seed(),
        state.epoch(),
        request.checkpoint().getFileName().toString(),
        ContentHash.sha256Hex(request.checkpoint()),
        request.flipAverage(),
        upTo,
        average == null ? null : DmtlJson.tree(average),
        validation,
        heldOut);
  }
}
