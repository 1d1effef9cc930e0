package dev.dmtl.audit.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.testing.SyntheticRun;
import dev.dmtl.contract.model.TaskKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunMetadataTest {

  private static final String SHA = "ab".repeat(32);

  @Test
  void tasksAsAStringInsideNestedContract() {
    RunMetadata m = RunMetadata.parse(SyntheticRun.runJson());
    assertEquals(List.of("age", "gender", "race"), m.tasks().stream().map(TaskDef::name).toList());
    assertEquals(TaskKind.ORDINAL, m.tasks().get(0).kind());
    assertEquals(116, m.tasks().get(0).ranks().size());
    assertEquals(List.of("male", "female"), m.tasks().get(1).labels());
    assertEquals(SyntheticRun.MODEL_SHA256, m.modelSha256());
  }

  @Test
  void tasksAsAnArrayAtTopLevel() {
    String json = "{\"model_sha256\":\"" + SHA.toUpperCase() + "\",\"tasks\":[{\"name\":\"smile\",\"kind\":\"nominal\","
        + "\"labels\":[\"no\",\"yes\"]}]}";
    RunMetadata m = RunMetadata.parse(json);
    assertEquals("smile", m.tasks().get(0).name());
    assertEquals(SHA, m.modelSha256());
  }

  @Test
  void unrelatedFieldsNamedTasksOrSha256AreIgnored() {
    // "tasks" that is not a task list, and a sha256 that is not the model's
    String json = "{\"tasks\":3,\"input\":{\"sha256\":\"" + SHA + "\"}}";
    RunMetadata m = RunMetadata.parse(json);
    assertTrue(m.tasks().isEmpty());
    assertNull(m.modelSha256());
  }

  @Test
  void malformed() {
    assertThrows(IllegalArgumentException.class, () -> RunMetadata.parse("{not json"));
    assertThrows(IllegalArgumentException.class,
        () -> RunMetadata.parse("{\"tasks\":[{\"name\":\"x\",\"kind\":\"cardinal\"}]}"));
  }
}
