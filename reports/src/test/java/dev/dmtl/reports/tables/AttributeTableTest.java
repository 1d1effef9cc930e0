package dev.dmtl.reports.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.dmtl.audit.result.Attribute;
import dev.dmtl.audit.result.AttributeSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeTableTest {

  @Test
  void quantileCutsAreWrittenWithoutFloatingPointNoise() {
    // R-7 quantiles of one-decimal data, as the audit computes them
    Attribute lux =
        new Attribute(
            "lux",
            null,
            AttributeSource.FILE,
            List.of("q1", "q2", "q3"),
            "lux=q3",
            List.of(19.2, 148.76000000000005, 1234567.89),
            0);
    assertEquals("19.2 148.76 1234570", AttributeTable.cuts(lux));
  }

  @Test
  void anAttributeWithoutBinsHasNoCuts() {
    assertNull(
        AttributeTable.cuts(
            Attribute.ofTask("gender", AttributeSource.TRUTH, List.of("male", "female"))));
  }
}
