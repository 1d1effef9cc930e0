package dev.dmtl.tools.check;

import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.contract.run.RunManifest;
import dev.dmtl.contract.run.RunProvenance;
import dev.dmtl.testdata.TinyModels;
import java.time.Instant;
import java.util.Map;

/** Manifests with given counts, for the output checks' tests. */
public final class Manifests {

  private Manifests() {}

  public static RunManifest withCounts(long seen, long withRows, long rows, long deadLetters) {
    ModelFile model =
        new ModelFile("tiny.onnx", "0".repeat(64), 1, "test", 17, TinyModels.dmtlContract(64));
    RunProvenance provenance =
        RunProvenance.of("run", "test", Instant.EPOCH, model, "test", Map.of());
    RunManifest.Counts counts =
        new RunManifest.Counts(
            seen, withRows, rows, deadLetters, 0, Map.of(), null, new RunManifest.Batches(0, 0, 0));
    return new RunManifest(
        RunManifest.SCHEMA_VERSION,
        "run",
        RunManifest.COMPLETE,
        Instant.EPOCH,
        Instant.EPOCH,
        1,
        1,
        counts,
        Map.of(),
        provenance);
  }
}
