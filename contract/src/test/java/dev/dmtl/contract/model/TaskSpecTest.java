package dev.dmtl.contract.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Task names and labels become parts of audit group ids and rules, so some characters are refused.
 */
class TaskSpecTest {

  @Test
  void labelsWithGroupIdOrRuleCharactersAreRefusedWithTheReason() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TaskSpec.nominal("race", "race_logits", List.of("white", "black,asian")));
    assertEquals(
        "label 'black,asian' of task 'race' is blank or uses one of ,=[]@ (reserved for audit group ids and "
            + "rules)",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> TaskSpec.nominal("race", "o", List.of("a=b", "c")));
    assertThrows(
        IllegalArgumentException.class, () -> TaskSpec.nominal("race", "o", List.of(" ", "c")));
    assertThrows(
        IllegalArgumentException.class, () -> TaskSpec.nominal("race.x", "o", List.of("a", "c")));
  }

  @Test
  void ordinaryLabelsAreFine() {
    assertEquals(
        List.of("east asian", "middle-eastern", "Latino_Hispanic"),
        TaskSpec.nominal("race", "o", List.of("east asian", "middle-eastern", "Latino_Hispanic"))
            .labels());
  }
}
