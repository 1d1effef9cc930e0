package dev.dmtl.audit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.metrics.MetricKey;
import org.junit.jupiter.api.Test;

class FailRuleTest {

  @Test
  void gapRule() {
    FailRule r = FailRule.parse("gender.accuracy.gap>0.05");
    assertEquals("gender", r.task());
    assertEquals(MetricKey.parse("gender.accuracy"), r.metric());
    assertEquals(GapKind.DIFFERENCE, r.gap());
    assertEquals(FailRule.Op.GT, r.op());
    assertEquals(0.05, r.threshold());
    assertEquals(FailRule.Statistic.VALUE, r.statistic());
    assertNull(r.scope());
  }

  @Test
  void qualifiedScopedAndBounded() {
    FailRule r = FailRule.parse("race.recall[Black].ratio:lower@gender,age <= 0.8");
    assertEquals(
        MetricKey.ofClass("race", dev.dmtl.audit.metrics.Metric.RECALL, "Black"), r.metric());
    assertEquals(GapKind.RATIO, r.gap());
    assertEquals(FailRule.Statistic.LOWER, r.statistic());
    assertEquals(Grouping.of("gender", "age"), r.scope());
    assertEquals(FailRule.Op.LE, r.op());
    FailRule cs = FailRule.parse("age.cs[5].vs_reference>=0.1");
    assertEquals(5, cs.metric().k());
    FailRule eo = FailRule.parse("gender.equalized_odds@race>0.1");
    assertNull(eo.metric());
    assertEquals(GapKind.EQUALIZED_ODDS, eo.gap());
    FailRule overall = FailRule.parse("gender.accuracy<0.9");
    assertNull(overall.gap());
    assertTrue(overall.op().holds(0.85, 0.9));
    FailRule floor = FailRule.parse("gender.accuracy@race<0.85");
    assertEquals(Grouping.of("race"), floor.scope());
    FailRule cov = FailRule.parse("coverage.coverage.gap>0.02");
    assertEquals("coverage", cov.task());
  }

  @Test
  void badRulesSayWhy() {
    for (String bad :
        new String[] {
          "gender.accuracy.gap",
          "gender.accuracy.gap>>0.1",
          "gender.accurcy.gap>0.1",
          "race.recall.gap>0.1",
          "gender.accuracy.spread>0.1",
          "gender.accuracy.equalized_odds>0.1",
          "gender.accuracy:median>0.1",
          "age.cs[x]>0.1"
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> FailRule.parse(bad), bad);
      assertTrue(e.getMessage().contains("fail rule"), e.getMessage());
    }
  }

  @Test
  void nanNeverHolds() {
    for (FailRule.Op op : FailRule.Op.values()) {
      assertTrue(!op.holds(Double.NaN, 0.1));
    }
  }
}
