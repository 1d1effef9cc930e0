package dev.dmtl.contract.labels;

import dev.dmtl.contract.model.Readout;
import dev.dmtl.contract.model.TaskSpec;

/**
 * Ground truth for one face. Every field may be {@code null}: unknown, never guessed.
 *
 * @param ageMin lower bound of the true age in years (equal to {@link #ageMax} for exact ages)
 * @param ageMax upper bound of the true age in years; Adience labels are ranges like 25–32
 * @param gender gender label as the model names it ({@code male}/{@code female}), or null
 * @param race race label as the model names it ({@code white}, {@code black}, {@code asian}, {@code
 *     indian}, {@code others}), or null
 */
public record FaceLabels(Integer ageMin, Integer ageMax, String gender, String race) {

  public static final FaceLabels NONE = new FaceLabels(null, null, null, null);

  /** The task names these labels answer: the default model's. */
  public static final String AGE_TASK = "age";

  public static final String GENDER_TASK = "gender";
  public static final String RACE_TASK = "race";

  public FaceLabels {
    if ((ageMin == null) != (ageMax == null)) {
      throw new IllegalArgumentException("age bounds must be both known or both unknown");
    }
    if (ageMin != null && (ageMin < 0 || ageMax < ageMin)) {
      throw new IllegalArgumentException("bad age range " + ageMin + ".." + ageMax);
    }
  }

  /** An exact age in years, or null. */
  public static FaceLabels exact(Integer age, String gender, String race) {
    return new FaceLabels(age, age, gender, race);
  }

  /** The exact age when the label is a single value, else null (ranges have no exact age). */
  public Integer age() {
    return ageMin != null && ageMin.equals(ageMax) ? ageMin : null;
  }

  /**
   * The label of a nominal task by the task's name: these labels answer the default model's tasks,
   * {@code gender} and {@code race}; any other task has none here (null).
   */
  public String nominal(String task) {
    return switch (task) {
      case GENDER_TASK -> gender;
      case RACE_TASK -> race;
      default -> null;
    };
  }

  /**
   * The ground-truth label of a nominal task: for a binned age task, the label of the bin that
   * holds the true age (null when unknown, or when a range label such as Adience's 25–32 spans more
   * than one bin); otherwise {@link #nominal(String)}.
   */
  public String nominalFor(TaskSpec task) {
    if (task.readout() == Readout.BINNED) {
      if (!answersOrdinal(task.name()) || ageMin == null) {
        return null;
      }
      int bin = task.binOf(ageMin, ageMax);
      return bin < 0 ? null : task.labels().get(bin);
    }
    return nominal(task.name());
  }

  /** Whether these labels answer the ordinal task of that name: only {@value #AGE_TASK}. */
  public boolean answersOrdinal(String task) {
    return AGE_TASK.equals(task);
  }

  public boolean isEmpty() {
    return ageMin == null && gender == null && race == null;
  }
}
