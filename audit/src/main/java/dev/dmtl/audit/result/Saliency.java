package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the model looks, per task and group: the audit's {@code saliency} section, present when the
 * prediction files carry saliency maps ({@code dmtl infer --cams}; docs/AUDIT.md, "Where the model
 * looks"). Aligned faces share one template, so maps of different faces cover the same parts of the
 * face and average meaningfully. Each face's map is clamped at 0 and divided by its sum (a share of
 * attention per cell) before averaging, because raw magnitudes differ between faces and methods.
 *
 * @param method how the maps were made: {@code cam} or {@code occlusion}
 * @param height rows of every map
 * @param width columns of every map
 * @param templateSource {@code model} when the regions come from the face template the model
 *     declares, {@code default} when from the documented default template (the model declares none)
 * @param landmarks the template's five landmarks as {@code [x, y]} fractions of the crop (left eye,
 *     right eye, nose tip, left and right mouth corner, image left/right)
 * @param regions the boxes the reading aid measures, derived from the landmarks
 * @param ordinalCorrectWithin an ordinal answer within this many ranks (years for age) of the truth
 *     counts as right
 * @param minGroupSize groups with fewer faces are listed but not drawn in reports
 * @param maps one entry per task, group and subset, in task, group, subset order
 */
@JsonPropertyOrder({
  "method",
  "height",
  "width",
  "template_source",
  "landmarks",
  "regions",
  "ordinal_correct_within",
  "min_group_size",
  "maps"
})
public record Saliency(
    String method,
    int height,
    int width,
    String templateSource,
    List<List<Double>> landmarks,
    List<SaliencyRegion> regions,
    double ordinalCorrectWithin,
    int minGroupSize,
    List<SaliencyGroup> maps) {

  /** The name of the share of attention outside the face box. */
  public static final String OUTSIDE_FACE = "outside_face";

  public Saliency {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(templateSource, "templateSource");
    landmarks = landmarks.stream().map(List::copyOf).toList();
    regions = List.copyOf(regions);
    maps = List.copyOf(maps);
  }

  /** The mean map of {@code task} over the group with id {@code groupId} and {@code subset}. */
  public Optional<SaliencyGroup> map(String task, String groupId, SaliencySubset subset) {
    return maps.stream()
        .filter(
            m -> m.task().equals(task) && m.group().id().equals(groupId) && m.subset() == subset)
        .findFirst();
  }
}
