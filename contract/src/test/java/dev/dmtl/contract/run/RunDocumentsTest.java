package dev.dmtl.contract.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.contract.training.EpochRecord;
import dev.dmtl.contract.training.TrainingProvenance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The run documents against a real manifest: {@code manifest-v1.json} was written by {@code dmtl
 * run testdata/utkface-sample --labels utkface} with the bundled model before the records moved
 * here, so reading it proves that files already on disk stay readable.
 */
class RunDocumentsTest {

  private static byte[] v1() throws IOException {
    try (InputStream in = RunDocumentsTest.class.getResourceAsStream("manifest-v1.json")) {
      return in.readAllBytes();
    }
  }

  @Test
  void aVersionOneManifestReadsIntoTypedRecords() throws IOException {
    RunManifest m = RunManifest.fromJson(v1(), "manifest-v1.json");
    assertEquals(RunManifest.SCHEMA_VERSION, m.schemaVersion());
    assertEquals("20261207-020442-866e2e29", m.runId());
    assertEquals(278, m.counts().inputsSeen());
    assertTrue(m.counts().accountedFor());
    assertEquals(0L, m.counts().deadLettersByStage().get(Stage.NO_FACE));
    assertEquals(1L, m.counts().labels().missingByTask().get("race"));
    RunProvenance p = m.provenance();
    assertEquals(
        "b04181054cbb3ee90cb514476d90d20667e2c3d1ad93dd8f05c0667b4fbf6159", p.model().sha256());
    assertEquals(112, p.model().contract().input().height());
    assertEquals(TaskKind.ORDINAL, p.model().contract().task("age").orElseThrow().kind());
    assertEquals(116, p.model().contract().task("age").orElseThrow().ranks().size());
    assertEquals("race", p.model().contract().tasks().get(2).name());
    assertEquals("utkface", p.options().path("labels").asText());
    // the model's training record is typed too, camelCase history and all
    TrainingProvenance t = TrainingProvenance.read(p.model().contract().provenance());
    assertEquals(5, t.history().size());
    assertEquals(2210, t.history().get(0).validation().images());
    assertEquals(11, t.history().get(4).validation().cumulativeScore().size());
    assertTrue(t.data().licence().contains("non-commercial"));
  }

  @Test
  void theModelsTrainingRecordRoundTrips() throws IOException {
    TrainingProvenance t =
        TrainingProvenance.read(
            RunManifest.fromJson(v1(), "manifest-v1.json")
                .provenance()
                .model()
                .contract()
                .provenance());
    TrainingProvenance back =
        TrainingProvenance.read(DmtlJson.parse(DmtlJson.compact(t), "written provenance"));
    assertEquals(t, back);
    assertEquals(TrainingProvenance.SCHEMA_VERSION, back.schemaVersion());
    // one epoch alone, as a line of history.jsonl
    EpochRecord epoch = t.history().get(4);
    assertEquals(epoch, DmtlJson.read(DmtlJson.compact(epoch), EpochRecord.class, "history line"));
    assertTrue(DmtlJson.compact(epoch).contains("\"imagesPerSecond\""), "camelCase, as written");
  }

  @Test
  void writingAndReadingAgainGivesTheSameRecords() throws IOException {
    RunManifest m = RunManifest.fromJson(v1(), "manifest-v1.json");
    byte[] written = m.toJson();
    String text = new String(written, StandardCharsets.UTF_8);
    assertTrue(text.contains("\"schema_version\" : 2"), "the manifest names its version");
    RunManifest back = RunManifest.fromJson(written, "again");
    assertEquals(m.counts(), back.counts());
    assertEquals(m.provenance().model(), back.provenance().model());
    assertEquals(m.provenance().options(), back.provenance().options());
    assertEquals(DmtlJson.tree(m), DmtlJson.tree(back));
    RunProvenance footer = RunProvenance.fromFooter(m.provenance().toFooter(), "p.parquet");
    assertEquals(m.provenance().model().contract(), footer.model().contract());
    assertEquals(m.provenance().created(), footer.created());
  }

  @Test
  void aFooterThatIsNotARunProvenanceIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RunProvenance.fromFooter(
                    "{\"run_id\":\"r\",\"model\":{\"source\":\"m\",\"sha256\":\"xyz\"}}",
                    "p.parquet"));
    assertEquals("p.parquet, footer dmtl.run: model.metadata is missing", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RunProvenance.fromFooter("{\"schema_version\":7,\"run_id\":\"r\"}", "p.parquet"));
    assertTrue(e.getMessage().contains("schema_version 7"), e.getMessage());
  }

  @Test
  void labelsAreOptional() throws IOException {
    String json =
        new String(v1(), StandardCharsets.UTF_8)
            .replaceAll("(?s)\"labels\" : \\{.*?\\},\\s*\"batches\"", "\"batches\"");
    assertNull(RunManifest.fromJson(json.getBytes(StandardCharsets.UTF_8), "m").counts().labels());
    assertEquals(Map.of(), new RunManifest.Labels("s", 0, 0, null).missingByTask());
  }
}
