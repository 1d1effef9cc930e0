package dev.dmtl.audit.input;

import dev.dmtl.contract.model.TaskSpec;

/**
 * One task's truth for every input of {@link InputRows}.
 *
 * @param task the task
 * @param classIndex nominal: the true label's index per input, -1 unknown (null for ordinal)
 * @param age ordinal: the true age per input (the midpoint of a range), NaN unknown (null for
 *     nominal)
 */
public record InputTruth(TaskSpec task, int[] classIndex, double[] age) {}
