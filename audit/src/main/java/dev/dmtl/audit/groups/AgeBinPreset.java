package dev.dmtl.audit.groups;

import java.util.List;
import java.util.Locale;

/**
 * Named age-group presets. Edges are lower bounds in years; see {@link AgeBins} for how an age
 * falls into a bin. The default is {@link #FAIRFACE}.
 */
public enum AgeBinPreset {
  /** Decades: 0–9, 10–19, …, 80–89, 90+ (10 groups). */
  DECADES(AgeBins.fromEdges("decades", List.of(0, 10, 20, 30, 40, 50, 60, 70, 80, 90))),
  /** FairFace's groups: 0–2, 3–9, 10–19, 20–29, …, 60–69, 70+ (9 groups). The default. */
  FAIRFACE(AgeBins.fromEdges("fairface", List.of(0, 3, 10, 20, 30, 40, 50, 60, 70))),
  /**
   * Adience's 8 groups (0–2, 4–6, 8–13, 15–20, 25–32, 38–43, 48–53, 60+) made contiguous so that
   * exact ages in Adience's gaps have a group: each group extends up to the next one's lower bound,
   * giving 0–3, 4–7, 8–14, 15–24, 25–37, 38–47, 48–59, 60+. Adience's own range labels fall into
   * the group of the same name (they are binned by their midpoint).
   */
  ADIENCE(AgeBins.fromEdges("adience", List.of(0, 4, 8, 15, 25, 38, 48, 60))),
  /**
   * Life stages: child 0–12, teen 13–19, young 20–34, adult 35–59, senior 60+. The DMTL paper
   * discusses errors for children and the elderly; these edges are ours, not the paper's.
   */
  LIFE_STAGES(
      new AgeBins(
          "life-stages",
          List.of(0, 13, 20, 35, 60),
          List.of("child", "teen", "young", "adult", "senior")));

  // a record of unmodifiable lists; the checker cannot see that without an @Immutable annotation
  @SuppressWarnings("ImmutableEnumChecker")
  private final AgeBins bins;

  AgeBinPreset(AgeBins bins) {
    this.bins = bins;
  }

  public AgeBins bins() {
    return bins;
  }

  /**
   * Spelling on the command line and in JSON: {@code decades}, {@code fairface}, {@code adience},
   * {@code life-stages}.
   */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static AgeBinPreset parse(String value) {
    for (AgeBinPreset p : values()) {
      if (p.jsonName().equalsIgnoreCase(value.strip())
          || p.name().equalsIgnoreCase(value.strip())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown age-bin preset '"
            + value
            + "' (expected decades, fairface, adience, life-stages, or lower edges like 0,13,20,40,60)");
  }
}
