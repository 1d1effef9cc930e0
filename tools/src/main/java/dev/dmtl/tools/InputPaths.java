package dev.dmtl.tools;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of the folders and files a tool is given, before any work starts, so that a missing data
 * set is one clear line rather than a stack trace from deep inside the tool.
 */
public final class InputPaths {

  private InputPaths() {}

  /**
   * @param what what the folder should hold, for the message, e.g. "UTKFace crops"
   * @return {@code dir}
   */
  public static Path directory(Path dir, String what) throws ToolInputException {
    if (!Files.isDirectory(dir)) {
      throw new ToolInputException("no folder " + dir + " (" + what + ")");
    }
    return dir;
  }

  /**
   * @param what what the file should be, for the message, e.g. "a face template JSON"
   * @return {@code file}
   */
  public static Path file(Path file, String what) throws ToolInputException {
    if (!Files.isRegularFile(file)) {
      throw new ToolInputException("no file " + file + " (" + what + ")");
    }
    return file;
  }
}
