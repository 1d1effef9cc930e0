package dev.dmtl.audit;

import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.engine.Population;
import dev.dmtl.audit.input.FaceEncoder;
import dev.dmtl.audit.input.FaceRows;
import dev.dmtl.audit.input.PredictionTable;
import dev.dmtl.audit.metrics.AuditMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test access to the package-private population builder (benchmark probes). */
public final class ProbeAccess {
  private ProbeAccess() {}

  public static Population build(Path predictions, AuditOptions o) throws Exception {
    FaceRows faces =
        FaceEncoder.encode(
            PredictionTable.read(List.of(predictions)),
            o.labelSource(),
            o.calibrationBins(),
            new ArrayList<>());
    PopulationBuilder b = new PopulationBuilder(o);
    return b.faces(faces, b.index(faces, true, null), AuditMode.LABELLED, new int[0][]);
  }
}
