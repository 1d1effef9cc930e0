package dev.dmtl.reports.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.training.EpochRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelProvenanceTest {

  private static final List<String> TASKS = List.of("age", "gender", "race");

  @Test
  void readsTheExportersRecord() {
    String json =
        """
        {"tool":"dmtl-training","tool_version":"0.1.0","seed":7,"epochs_completed":2,
         "data":{"name":"UTKFace","licence":"non-commercial research only","split":"train 0.8"},
         "config":{"lr":0.0005,"batch_size":32},
         "history":[
           {"epoch":1,"seconds":10.5,"learningRate":0.01,"trainLoss":3.5,
            "taskLoss":{"race":1.2,"age":2.0,"gender":0.3},
            "logVariance":{"age":0.0,"gender":0.0,"race":0.0},
            "validation":{"images":100,"ageMae":7.25,"genderAccuracy":0.8,"cumulativeScore":[0.1,0.2]}},
           {"epoch":2,"logVariance":{"age":1.0,"gender":-1.0,"race":0.0},"beta":{"age":0.1,"gender":0.7,"race":0.2}}],
         "validation":{"ageMae":7.25},
         "held_out_metrics":{"genderAccuracy":0.91234}}
        """;
    ModelProvenance p = ModelProvenance.of(DmtlJson.parse(json, "test"), TASKS);
    assertEquals("dmtl-training", p.about().get("tool"));
    assertEquals("7", p.about().get("seed"));
    assertEquals("UTKFace", p.data().get("name"));
    assertEquals("train 0.8", p.data().get("split"));
    assertEquals("0.0005", p.config().get("lr"));
    assertEquals(2, p.history().size());
    EpochRecord first = p.history().get(0);
    assertEquals(
        List.of("age", "gender", "race"),
        List.copyOf(first.taskLoss().keySet()),
        "task order, not file order");
    // β absent in epoch 1: computed from the log-variances (Eq. 16): all equal -> 1/3 each
    assertEquals(1.0 / 3, first.beta().get("age"), 1e-12);
    assertEquals(100, ModelProvenance.validation(first).get("images"), 0);
    assertEquals(List.of(0.1, 0.2), ModelProvenance.cumulativeScore(first));
    // β present in epoch 2: taken as written
    assertEquals(0.7, p.history().get(1).beta().get("gender"), 0);
    assertTrue(Double.isNaN(p.history().get(1).seconds()));
    assertEquals("7.25", p.validation().get("ageMae"));
    assertEquals("0.912", p.heldOut().get("genderAccuracy"));
    assertTrue(p.warnings().isEmpty());
  }

  @Test
  void toleratesAbsentAndIllTypedKeys() {
    assertEquals(ModelProvenance.NONE, ModelProvenance.of(null, TASKS));
    ModelProvenance empty = ModelProvenance.of(DmtlJson.parse("{}", "test"), TASKS);
    assertFalse(empty.hasHistory());
    assertTrue(empty.warnings().isEmpty());
    // another tool's record: not shown, one warning that names the field, never an error
    ModelProvenance odd =
        ModelProvenance.of(
            DmtlJson.parse("{\"history\":{\"epoch\":1},\"data\":[1,2]}", "test"), TASKS);
    assertFalse(odd.hasHistory());
    assertEquals(1, odd.warnings().size(), odd.warnings().toString());
    assertTrue(odd.warnings().get(0).contains("history"), odd.warnings().toString());
    ModelProvenance notAnObject = ModelProvenance.of(DmtlJson.parse("[1,2]", "test"), TASKS);
    assertEquals(1, notAnObject.warnings().size());
  }
}
