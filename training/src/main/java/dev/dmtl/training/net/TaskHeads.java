package dev.dmtl.training.net;

import dev.dmtl.contract.labels.UtkFaceNames;
import dev.dmtl.contract.model.TaskSpec;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The tasks a network predicts, in output order, with their contract description. The default is
 * the paper's UTKFace setting: age ordinal over ranks 1..116 (115 thresholds), gender (2), race
 * (5).
 */
public record TaskHeads(List<Head> tasks) {

  /** Age ranks of the default model: every whole year UTKFace labels. */
  public static final int MIN_AGE = 1;

  public static final int MAX_AGE = 116;

  /**
   * @param name task name
   * @param spec contract description (ordinal ranks or nominal labels)
   * @param softmaxAge for the Table IV ablation: an age task trained as a softmax over the ranks
   *     instead of ordinal thresholds (its output then has K logits and is not contract-ordinal)
   */
  public record Head(String name, TaskSpec spec, boolean softmaxAge) {
    public int outputs() {
      return softmaxAge ? spec.ranks().size() : spec.outputWidth();
    }
  }

  public TaskHeads {
    tasks = List.copyOf(tasks);
  }

  public static TaskHeads utkFace(boolean softmaxAge) {
    List<Integer> ranks = IntStream.rangeClosed(MIN_AGE, MAX_AGE).boxed().toList();
    return new TaskHeads(
        List.of(
            new Head("age", TaskSpec.ordinal("age", "age_logits", ranks), softmaxAge),
            new Head(
                "gender", TaskSpec.nominal("gender", "gender_logits", UtkFaceNames.GENDERS), false),
            new Head("race", TaskSpec.nominal("race", "race_logits", UtkFaceNames.RACES), false)));
  }

  public int index(String name) {
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no task " + name);
  }
}
