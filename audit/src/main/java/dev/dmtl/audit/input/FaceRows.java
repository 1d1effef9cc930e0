package dev.dmtl.audit.input;

import java.util.List;

/**
 * The face rows of all prediction files, one entry per task.
 *
 * @param n rows (faces) after deduplication
 * @param tasks per task its columns, in task order
 */
public record FaceRows(int n, List<TaskColumns> tasks) {

  public FaceRows {
    tasks = List.copyOf(tasks);
  }
}
