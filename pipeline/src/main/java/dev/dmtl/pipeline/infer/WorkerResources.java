package dev.dmtl.pipeline.infer;

import dev.dmtl.contract.model.ContractSpec;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.inference.face.FaceExtractor;
import dev.dmtl.inference.face.FaceMode;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.model.DeviceUnavailableException;
import dev.dmtl.inference.model.DmtlModel;
import dev.dmtl.inference.model.SharedModels;
import dev.dmtl.pipeline.InvalidRunException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The heavy, thread-safe objects a worker JVM shares between all DoFn instances: the model (via
 * {@link SharedModels}) and the face extractor of each mode (a detector holds its own ONNX
 * session).
 */
final class WorkerResources {

  private record ExtractorKey(FaceMode mode, DetectorOptions detector, String modelSha256) {}

  private static final Map<ExtractorKey, FaceExtractor> EXTRACTORS = new ConcurrentHashMap<>();

  private WorkerResources() {}

  static DmtlModel model(AnalyzeConfig config) {
    try {
      ContractSpec spec = config.spec();
      return SharedModels.get(
          config.modelSha256(),
          spec == null ? null : spec.file().sha256(),
          config.modelOptions(),
          () -> {
            try {
              return DmtlModel.load(
                  config.modelLocation(),
                  ModelLocation.read(config.modelLocation()),
                  spec,
                  config.modelOptions());
            } catch (InvalidRunException e) {
              throw new ContractViolationException(
                  config.modelLocation(), "cannot be read on this worker: " + e.getMessage(), e);
            }
          });
    } catch (ContractViolationException | DeviceUnavailableException e) {
      // validated on the driver: failing here means the worker sees another file or machine
      throw new IllegalStateException("worker cannot open the model: " + e.getMessage(), e);
    }
  }

  static FaceExtractor extractor(AnalyzeConfig config, DmtlModel model) {
    ExtractorKey key = new ExtractorKey(config.faces(), config.detector(), config.modelSha256());
    FaceExtractor extractor = EXTRACTORS.get(key);
    if (extractor != null) {
      return extractor;
    }
    synchronized (EXTRACTORS) {
      extractor = EXTRACTORS.get(key);
      if (extractor == null) {
        try {
          extractor = config.faces().create(model.file(), config.detector());
        } catch (ContractViolationException | IOException e) {
          throw new IllegalStateException(
              "worker cannot create the "
                  + config.faces().optionValue()
                  + " face extractor: "
                  + e.getMessage(),
              e);
        }
        EXTRACTORS.put(key, extractor);
      }
      return extractor;
    }
  }
}
