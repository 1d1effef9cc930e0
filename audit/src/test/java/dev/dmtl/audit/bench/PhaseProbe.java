package dev.dmtl.audit.bench;

import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.engine.PopulationAudit;
import java.nio.file.Path;
import java.util.List;

/** Splits an audit's CPU time into phases on an existing benchmark fixture (developer aid). */
public final class PhaseProbe {
  public static void main(String[] args) throws Exception {
    Path fixture = Path.of(args[0]);
    int resamples = Integer.parseInt(args[1]);
    dev.dmtl.audit.engine.EngineProbe.probe(
        dev.dmtl.audit.ProbeAccess.build(
            fixture.resolve("predictions.parquet"), AuditOptions.defaults()),
        resamples);
    for (int r = 0; r < 1; r++) {
      long c0 = JvmProbe.cpuNanos();
      var probe =
          dev.dmtl.audit.ProbeAccess.build(
              fixture.resolve("predictions.parquet"), AuditOptions.defaults());
      long c1 = JvmProbe.cpuNanos();
      PopulationAudit.Settings none = new PopulationAudit.Settings(30, 0, 42, 0.95, 2, List.of());
      PopulationAudit.run(probe, none);
      long c2 = JvmProbe.cpuNanos();
      PopulationAudit.Settings boot =
          new PopulationAudit.Settings(30, resamples, 42, 0.95, 2, List.of());
      PopulationAudit.run(probe, boot);
      long c3 = JvmProbe.cpuNanos();
      System.out.printf(
          "read+build %.2f s CPU, point %.2f s, with %d resamples %.2f s%n",
          (c1 - c0) / 1e9, (c2 - c1) / 1e9, resamples, (c3 - c2) / 1e9);
    }
  }
}
