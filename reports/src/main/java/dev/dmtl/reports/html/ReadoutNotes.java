package dev.dmtl.reports.html;

import dev.dmtl.audit.result.AuditedTask;
import dev.dmtl.contract.model.AgeBin;
import dev.dmtl.contract.model.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Method notes on how a model's own output layout was read and compared (contract version 2,
 * docs/OWN_MODELS.md): a label map, age bins, a regression or a distribution. A version 1 task has
 * none: the general notes cover it.
 */
final class ReadoutNotes {

  private ReadoutNotes() {}

  /** One sentence per task that needs one, in task order. */
  static List<String> of(List<AuditedTask> tasks) {
    List<String> out = new ArrayList<>();
    for (AuditedTask audited : tasks) {
      TaskSpec t = audited.task();
      String name = t.name();
      switch (t.readout()) {
        case REGRESSION ->
            out.add(
                name
                    + ": the model outputs one number, read as value × "
                    + number(t.scale())
                    + " + "
                    + number(t.offsetOrZero())
                    + " years; the predicted age (used by accuracy-like age metrics and CS) is"
                    + " that value rounded to a whole year, the expected age is the value itself."
                    + " A regression has no threshold probabilities, so it has no age calibration.");
        case DISTRIBUTION ->
            out.add(
                name
                    + ": the model outputs a probability for each age "
                    + t.ranks().get(0)
                    + "–"
                    + t.ranks().get(t.ranks().size() - 1)
                    + "; the predicted age is the most probable one (argmax), the expected age"
                    + " the probability-weighted mean; both are stored. Its P(age > r) for the"
                    + " calibration notes are sums of the distribution's tail.");
        case BINNED ->
            out.add(
                name
                    + ": the model predicts age bins ("
                    + bins(t)
                    + "), so this task is audited on the model's own bins: each face's true age"
                    + " is put in the bin that holds it, accuracy is the share of faces whose true"
                    + " age lies inside the predicted bin, and the confusion matrix is over the"
                    + " bins. MAE and CS are not computed for it: a bin is not an age, and a"
                    + " midpoint would be an invented prediction. A true age range (Adience) that"
                    + " spans two bins counts as unlabelled.");
        default -> {
          // version 1 readouts: covered by the general notes
        }
      }
      if (t.isMapped()) {
        out.add(
            name
                + ": the model's labels differ from the ground truth's, so predictions are compared"
                + " through the model's label map ("
                + t.labelMap().entrySet().stream()
                    .map(e -> e.getKey() + " → " + e.getValue())
                    .collect(Collectors.joining(", "))
                + "); several model labels may map to one. Probabilities of labels that map to"
                + " the same ground-truth label are added. Prediction files keep the model's own"
                + " labels.");
      }
    }
    return out;
  }

  private static String bins(TaskSpec t) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.bins().size(); i++) {
      AgeBin b = t.bins().get(i);
      out.add(t.labels().get(i) + " = " + b.low() + "–" + b.high());
    }
    return String.join(", ", out);
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
  }
}
