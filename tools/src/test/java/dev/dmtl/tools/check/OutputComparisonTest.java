package dev.dmtl.tools.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputComparisonTest {

  private static Map<String, Object> row(String source, int face, float prob) {
    Map<String, Object> r = new HashMap<>();
    r.put("source", source);
    r.put("entry", null);
    r.put("face_index", face);
    r.put("gender_pred", "male");
    r.put("gender_probs", List.of(prob, 1 - prob));
    return r;
  }

  private static Map<String, Object> dead(String source, String stage) {
    Map<String, Object> d = new HashMap<>();
    d.put("source", source);
    d.put("entry", null);
    d.put("stage", stage);
    d.put("error_class", "EOFException");
    d.put("message", "truncated");
    return d;
  }

  private static RunOutput output(
      List<Map<String, Object>> rows, List<Map<String, Object>> dead, long seen) {
    return new RunOutput(
        Paths.get("out"),
        Manifests.withCounts(
            seen,
            rows.stream().map(RunOutput::address).distinct().count(),
            rows.size(),
            dead.size()),
        rows,
        dead);
  }

  @Test
  void sameContentInAnotherOrderIsEqual() {
    RunOutput a =
        output(
            List.of(row("/a.jpg", 0, 0.25f), row("/b.jpg", 0, 0.5f)),
            List.of(dead("/c.jpg", "DECODE")),
            3);
    RunOutput b =
        output(
            List.of(row("/b.jpg", 0, 0.5f), row("/a.jpg", 0, 0.25f + 1e-7f)),
            List.of(dead("/c.jpg", "DECODE")),
            3);
    OutputComparison.Result r = OutputComparison.compare(a, b, 1e-5);
    assertTrue(r.ok(), r.problems().toString());
  }

  @Test
  void aDifferentValueAMissingRowAndADifferentDeadLetterAreEachReported() {
    RunOutput a =
        output(
            List.of(row("/a.jpg", 0, 0.25f), row("/b.jpg", 0, 0.5f)),
            List.of(dead("/c.jpg", "DECODE")),
            3);
    RunOutput b = output(List.of(row("/a.jpg", 0, 0.75f)), List.of(dead("/c.jpg", "READ")), 2);
    OutputComparison.Result r = OutputComparison.compare(a, b, 1e-5);
    assertFalse(r.ok());
    // /b.jpg missing; gender_probs differ; the DECODE and the READ dead letter each on one side
    assertEquals(4, r.problemCount(), r.problems().toString());
  }

  @Test
  void checkAcceptsACompleteOutputAndFindsDuplicatesAndMissingInputs() {
    RunOutput good =
        output(
            List.of(row("/a.jpg", 0, 0.25f), row("/b.jpg", 0, 0.5f)),
            List.of(dead("/c.jpg", "DECODE")),
            3);
    assertTrue(OutputComparison.check(good, List.of("/a.jpg", "/b.jpg", "/c.jpg")).ok());

    RunOutput duplicated =
        output(
            List.of(row("/a.jpg", 0, 0.25f), row("/a.jpg", 0, 0.25f)),
            List.of(dead("/a.jpg", "DECODE")),
            2);
    OutputComparison.Result r = OutputComparison.check(duplicated, List.of("/a.jpg", "/b.jpg"));
    List<String> p = r.problems();
    assertTrue(p.contains("row twice: /a.jpg#0"), p.toString());
    assertTrue(p.contains("both rows and a dead letter for /a.jpg"), p.toString());
    assertTrue(p.contains("input neither predicted nor dead-lettered: /b.jpg"), p.toString());
  }

  @Test
  void checkWithoutManifestFails() {
    RunOutput none = new RunOutput(Paths.get("out"), null, List.of(), List.of());
    assertFalse(OutputComparison.check(none, null).ok());
  }
}
