package dev.dmtl.audit.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.config.AttributeOptions;
import dev.dmtl.audit.config.BinRule;
import dev.dmtl.parquet.testing.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overlap, the refusals and the regression rules of a comparison. */
class ModelComparisonTest {

  @TempDir Path dir;

  private SyntheticRun.Files run(String name, long seed) throws Exception {
    Path d = Files.createDirectories(dir.resolve(name));
    return SyntheticRun.write(d, new SyntheticRun.Options(600, seed, false, true, true));
  }

  private static ModelComparison comparison(List<DeltaRule> rules) {
    return new ModelComparison(
        PairedBootstrapRecomputationTest.options().withResamples(50),
        rules,
        PairedBootstrapRecomputationTest.fixedClock());
  }

  @Test
  void theOverlapCountsFacesOnEachSide() throws Exception {
    SyntheticRun.Files base = run("base", 1);
    Path cand =
        CandidateFiles.write(base.predictions(), dir.resolve("c.parquet"), 0, 0.2, false, 2);
    ComparisonResult r = comparison(List.of()).compare(List.of(base.predictions()), List.of(cand));
    Overlap o = r.overlap();
    assertEquals(base.predictionRows(), o.both() + o.onlyBaseline());
    assertEquals(0, o.onlyCandidate());
    assertTrue(o.onlyBaseline() > 0.1 * base.predictionRows(), o.toString());
    // the same predictions on the shared faces: nothing changed
    assertTrue(
        r.metrics().stream().allMatch(m -> m.delta().isNaN() || m.delta().value() == 0),
        "no change");
    assertEquals(0, r.summary().worse() + r.summary().improved());
  }

  @Test
  void runsOverDifferentImagesAreRefused() throws Exception {
    SyntheticRun.Files a = run("a", 1);
    SyntheticRun.Files b = run("b", 2);
    ComparisonRefusedException e =
        assertThrows(
            ComparisonRefusedException.class,
            () ->
                comparison(List.of()).compare(List.of(a.predictions()), List.of(b.predictions())));
    assertTrue(e.getMessage().contains("no face in common"), e.getMessage());
  }

  @Test
  void differentTaskSetsAreRefused() throws Exception {
    SyntheticRun.Files base = run("base", 1);
    Path cand = CandidateFiles.write(base.predictions(), dir.resolve("c.parquet"), 0, 0, true, 2);
    ComparisonRefusedException e =
        assertThrows(
            ComparisonRefusedException.class,
            () -> comparison(List.of()).compare(List.of(base.predictions()), List.of(cand)));
    assertTrue(e.getMessage().contains("different tasks"), e.getMessage());
  }

  @Test
  void aWorseCandidateViolatesTheGate() throws Exception {
    SyntheticRun.Files base = run("base", 1);
    Path cand =
        CandidateFiles.write(base.predictions(), dir.resolve("c.parquet"), 0.15, 0, false, 2);
    ComparisonResult r =
        comparison(
                List.of(
                    DeltaRule.parse("delta(gender.accuracy)<-0.01"),
                    DeltaRule.parse("delta(race.accuracy)<-0.01")))
            .compare(List.of(base.predictions()), List.of(cand));
    assertTrue(r.failed());
    assertEquals(
        DeltaRule.Status.VIOLATED,
        r.ruleOutcomes().stream()
            .filter(o -> o.subject().equals("gender.accuracy@all"))
            .findFirst()
            .orElseThrow()
            .status());
    assertEquals(
        DeltaRule.Status.PASSED,
        r.ruleOutcomes().stream()
            .filter(o -> o.subject().equals("race.accuracy@all"))
            .findFirst()
            .orElseThrow()
            .status());
  }

  @Test
  void aRuleThatMatchesNothingIsAnError() throws Exception {
    SyntheticRun.Files base = run("base", 1);
    Path cand =
        CandidateFiles.write(base.predictions(), dir.resolve("c.parquet"), 0.1, 0, false, 2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                comparison(List.of(DeltaRule.parse("delta(gender.accuracy.gap@site)>0.01")))
                    .compare(List.of(base.predictions()), List.of(cand)));
    assertTrue(e.getMessage().contains("matches no change"), e.getMessage());
  }

  @Test
  void anAttributeFileGroupsBothModels() throws Exception {
    SyntheticRun.Files base =
        SyntheticRun.write(
            Files.createDirectories(dir.resolve("attr")),
            new SyntheticRun.Options(600, 1, false, true, true, true));
    Path cand =
        CandidateFiles.write(base.predictions(), dir.resolve("c.parquet"), 0.1, 0, false, 2);
    ComparisonResult r =
        new ModelComparison(
                PairedBootstrapRecomputationTest.options()
                    .withResamples(50)
                    .withAttributes(
                        new AttributeOptions(
                            base.attributes().toString(), List.of(BinRule.parse("lux=q3")))),
                List.of(DeltaRule.parse("delta(gender.accuracy@site)<-0.5")),
                PairedBootstrapRecomputationTest.fixedClock())
            .compare(List.of(base.predictions()), List.of(cand));
    assertTrue(r.gaps().stream().anyMatch(g -> g.id().equals("gender.accuracy.gap@site")));
    assertTrue(r.metrics().stream().anyMatch(m -> m.id().equals("gender.accuracy@site=A")));
    assertTrue(r.ruleOutcomes().size() > 1, r.ruleOutcomes().toString());
  }

  @Test
  void rulesAreWrittenAsDelta() {
    DeltaRule r = DeltaRule.parse("delta(race.accuracy.gap@gender) > 0.01");
    assertEquals("race", r.subject().task());
    assertEquals(0.01, r.subject().threshold());
    assertThrows(IllegalArgumentException.class, () -> DeltaRule.parse("race.accuracy.gap>0.01"));
  }
}
