package dev.dmtl.audit.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgeBinsTest {

  @Test
  void presetsHaveTheDocumentedEdges() {
    assertEquals(
        List.of("0-2", "3-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70+"),
        AgeBinPreset.FAIRFACE.bins().labels());
    assertEquals(
        List.of(
            "0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90+"),
        AgeBinPreset.DECADES.bins().labels());
    assertEquals(
        List.of("0-3", "4-7", "8-14", "15-24", "25-37", "38-47", "48-59", "60+"),
        AgeBinPreset.ADIENCE.bins().labels());
    assertEquals(8, AgeBinPreset.ADIENCE.bins().size());
    assertEquals(
        List.of("child", "teen", "young", "adult", "senior"),
        AgeBinPreset.LIFE_STAGES.bins().labels());
    assertEquals(List.of(0, 13, 20, 35, 60), AgeBinPreset.LIFE_STAGES.bins().lowerEdges());
  }

  @Test
  void binning() {
    AgeBins f = AgeBinPreset.FAIRFACE.bins();
    assertEquals(0, f.binOf(0));
    assertEquals(0, f.binOf(2.99));
    assertEquals(1, f.binOf(3));
    assertEquals(2, f.binOf(19.6)); // expected ranks are binned by value, not rounded
    assertEquals(3, f.binOf(20));
    assertEquals(8, f.binOf(116));
    assertEquals(-1, f.binOf(Double.NaN));
    assertEquals(-1, f.binOf(-1));
    // Adience ranges fall in the group of their name via the midpoint
    AgeBins a = AgeBinPreset.ADIENCE.bins();
    assertEquals("25-37", a.labels().get(a.binOf((25 + 32) / 2.0)));
    assertEquals("0-3", a.labels().get(a.binOf((0 + 2) / 2.0)));
    assertEquals("48-59", a.labels().get(a.binOf((48 + 53) / 2.0)));
  }

  @Test
  void parsing() {
    assertEquals(AgeBinPreset.LIFE_STAGES.bins(), AgeBins.parse("life-stages"));
    assertEquals(AgeBinPreset.FAIRFACE.bins(), AgeBins.parse("FairFace"));
    AgeBins custom = AgeBins.parse("0, 18, 65");
    assertEquals(List.of("0-17", "18-64", "65+"), custom.labels());
    assertEquals("0,18,65", custom.spec());
    assertEquals("adience", AgeBinPreset.ADIENCE.bins().spec());
    assertThrows(IllegalArgumentException.class, () -> AgeBins.parse("5,10"));
    assertThrows(IllegalArgumentException.class, () -> AgeBins.parse("0,10,10"));
    assertThrows(IllegalArgumentException.class, () -> AgeBins.parse("0,x"));
    assertThrows(IllegalArgumentException.class, () -> AgeBins.parse("quinquennia"));
  }

  @Test
  void groupIds() {
    GroupKey k = GroupKey.parse("gender=female,age=20-29");
    assertEquals(Grouping.of("gender", "age"), k.grouping());
    assertEquals("20-29", k.value("age"));
    assertEquals("gender=female,age=20-29", k.id());
    assertEquals(GroupKey.OVERALL, GroupKey.parse("all"));
    assertEquals("gender,race", Grouping.parse("gender, race").id());
  }
}
