package dev.dmtl.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.run.RunManifest;
import dev.dmtl.inference.batch.BatchSize;
import dev.dmtl.pipeline.input.ArchiveKind;
import dev.dmtl.testdata.BadInputs;
import dev.dmtl.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one run on embedded Flink (slow to start, so one): same counts and full batches as on Direct,
 * the workers' Parquet files joined into one.
 */
class EmbeddedFlinkTest {

  @TempDir Path tmp;

  @Test
  void embeddedFlinkAccountsForEveryInputWithFullBatches() throws Exception {
    Path model = Fixtures.writeModel(tmp);
    Path faces = Files.createDirectories(tmp.resolve("faces"));
    for (Path s : Fixtures.samples(40)) {
      Files.copy(s, faces.resolve(s.getFileName()));
    }
    Path out = tmp.resolve("out");
    int parallelism = 2;
    InferRequest request =
        InferRequest.of(List.of(faces.toString(), TestData.bad().toString()), out.toString())
            .withModel(model.toString())
            .withRunner(RunnerKind.FLINK, parallelism)
            .withBatchSize(new BatchSize(4));
    RunResult result = InferJob.run(request);

    RunManifest.Counts c = result.manifest().counts();
    int corpus = BadInputs.EXPECTED.size();
    int corpusRows = (int) BadInputs.EXPECTED.stream().filter(e -> e.stage() == null).count();
    assertEquals(40 + corpus, c.inputsSeen());
    assertEquals(40 + corpusRows, c.rows());
    assertEquals(c.inputsSeen(), c.inputsWithRows() + c.deadLetters());
    assertEquals(corpus - corpusRows, c.deadLetters());
    assertEquals(4, c.batches().maxFaces());
    // The listing cuts plain files into batches of 4 across both folders (one partial batch at
    // most); each archive of the corpus batches its own entries. Files that fail to decode leave
    // holes.
    long archives =
        BadInputs.EXPECTED.stream()
            .map(BadInputs.Expected::file)
            .distinct()
            .filter(f -> ArchiveKind.of(f).isPresent())
            .count();
    assertTrue(
        c.batches().calls() <= (40 + corpus + 3) / 4 + archives,
        "model calls: " + c.batches().calls());
    assertEquals(40 + corpusRows, Math.round(c.batches().meanFaces() * c.batches().calls()));
    assertEquals("FLINK", result.manifest().provenance().options().path("runner").asText());

    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = db.createStatement();
        ResultSet rs =
            sql.executeQuery(
                "SELECT count(*), count(DISTINCT source || coalesce(entry, '')) FROM read_parquet('"
                    + out.resolve("predictions.parquet")
                    + "')")) {
      rs.next();
      assertEquals(40 + corpusRows, rs.getLong(1));
      assertEquals(40 + corpusRows, rs.getLong(2));
    }
  }
}
