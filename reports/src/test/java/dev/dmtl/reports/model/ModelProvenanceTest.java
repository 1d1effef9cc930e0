package dev.dmtl.reports.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelProvenanceTest {

  private static final List<String> TASKS = List.of("age", "gender", "race");

  @Test
  void readsTheExportersRecord() {
    String json = """
        {"tool":"dmtl-training","tool_version":"0.1.0","seed":7,"epochs_completed":2,
         "data":{"name":"UTKFace","licence":"non-commercial research only","split":{"train":0.8}},
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
    ModelProvenance p = ModelProvenance.parse(json, TASKS);
    assertEquals("dmtl-training", p.about().get("tool"));
    assertEquals("7", p.about().get("seed"));
    assertEquals("UTKFace", p.data().get("name"));
    assertEquals("0.8", p.data().get("split.train"));
    assertEquals("0.0005", p.config().get("lr"));
    assertEquals(2, p.history().size());
    EpochRecord first = p.history().get(0);
    assertEquals(List.of("age", "gender", "race"), List.copyOf(first.taskLoss().keySet()), "task order, not file order");
    // β absent in epoch 1: computed from the log-variances (Eq. 16): all equal -> 1/3 each
    assertEquals(1.0 / 3, first.beta().get("age"), 1e-12);
    assertEquals(100, first.validation().get("images"), 0);
    assertEquals(List.of(0.1, 0.2), first.cumulativeScore());
    // β present in epoch 2: taken as written
    assertEquals(0.7, p.history().get(1).beta().get("gender"), 0);
    assertTrue(Double.isNaN(p.history().get(1).seconds()));
    assertEquals("7.25", p.validation().get("ageMae"));
    assertEquals("0.912", p.heldOut().get("genderAccuracy"));
    assertTrue(p.warnings().isEmpty());
  }

  @Test
  void toleratesAbsentAndIllTypedKeys() {
    assertEquals(ModelProvenance.NONE, ModelProvenance.parse(null, TASKS));
    ModelProvenance empty = ModelProvenance.parse("{}", TASKS);
    assertFalse(empty.hasHistory());
    assertTrue(empty.warnings().isEmpty());
    ModelProvenance odd = ModelProvenance.parse("{\"history\":{\"epoch\":1},\"data\":[1,2],\"config\":3}", TASKS);
    assertFalse(odd.hasHistory());
    assertEquals(3, odd.warnings().size(), odd.warnings().toString());
    ModelProvenance notJson = ModelProvenance.parse("[1,2]", TASKS);
    assertEquals(1, notJson.warnings().size());
  }
}
