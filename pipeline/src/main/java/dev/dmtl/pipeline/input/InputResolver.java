package dev.dmtl.pipeline.input;

import dev.dmtl.pipeline.InvalidRunException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Turns what the user named (files, folders, globs, a list file) into {@link InputPattern}s, on the
 * driver, before the pipeline starts, so that a typo fails the run at once with one line instead of
 * after the runner has started. Local paths become absolute; anything with a scheme ({@code
 * gs://…}) goes to Beam's {@link FileSystems} as written.
 */
public final class InputResolver {

  private InputResolver() {}

  /**
   * @param inputs files, folders and globs as given
   * @param listFile a text file with one input per line ({@code #} comments and blank lines
   *     ignored; relative lines are relative to the list file's folder), or null
   * @throws InvalidRunException when a named file or folder does not exist, or nothing was named
   */
  public static List<InputPattern> resolve(List<String> inputs, String listFile)
      throws InvalidRunException {
    List<InputPattern> patterns = new ArrayList<>();
    for (String input : inputs) {
      patterns.add(resolveOne(input, null));
    }
    if (listFile != null) {
      patterns.addAll(readList(listFile));
    }
    if (patterns.isEmpty()) {
      throw new InvalidRunException(
          "no input given: name files, folders, globs or archives, or --input-list FILE");
    }
    return patterns;
  }

  private static boolean isLocal(String spec) {
    return !spec.contains("://");
  }

  /**
   * @param input a path, folder or glob
   * @param relativeTo the folder relative local paths are resolved against, or null for the working
   *     directory
   */
  private static InputPattern resolveOne(String input, Path relativeTo) throws InvalidRunException {
    String given = input.trim();
    if (given.isEmpty()) {
      throw new InvalidRunException("an input is empty");
    }
    if (!isLocal(given)) {
      return remote(given);
    }
    Path path = relativeTo == null ? Paths.get(given) : relativeTo.resolve(given);
    if (FileSystems.hasGlobWildcard(given)) {
      int wildcard = firstWildcard(given);
      int slash = given.lastIndexOf('/', wildcard);
      String prefix = slash < 0 ? "" : given.substring(0, slash + 1);
      Path dir =
          (relativeTo == null
                  ? Paths.get(prefix.isEmpty() ? "." : prefix)
                  : relativeTo.resolve(prefix.isEmpty() ? "." : prefix))
              .toAbsolutePath()
              .normalize();
      String base = withSlash(dir.toString());
      return new InputPattern(InputPattern.Kind.GLOB, base + given.substring(slash + 1), base);
    }
    Path absolute = path.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      String base = withSlash(absolute.toString());
      return new InputPattern(InputPattern.Kind.DIRECTORY, base + "**", base);
    }
    if (!Files.isRegularFile(absolute)) {
      throw new InvalidRunException("input not found: " + given);
    }
    if (!Files.isReadable(absolute)) {
      throw new InvalidRunException("input is not readable: " + given);
    }
    return new InputPattern(InputPattern.Kind.FILE, absolute.toString(), normaliseRelative(given));
  }

  private static InputPattern remote(String given) throws InvalidRunException {
    if (FileSystems.hasGlobWildcard(given)) {
      int slash = given.lastIndexOf('/', firstWildcard(given));
      return new InputPattern(InputPattern.Kind.GLOB, given, given.substring(0, slash + 1));
    }
    if (given.endsWith("/")) {
      return new InputPattern(InputPattern.Kind.DIRECTORY, given + "**", given);
    }
    try {
      MatchResult match = FileSystems.match(given);
      if (match.status() != MatchResult.Status.OK || match.metadata().isEmpty()) {
        throw new InvalidRunException("input not found: " + given);
      }
    } catch (IOException e) {
      throw new InvalidRunException("cannot look up input " + given + ": " + e.getMessage(), e);
    }
    return new InputPattern(
        InputPattern.Kind.FILE, given, given.substring(given.lastIndexOf('/') + 1));
  }

  private static List<InputPattern> readList(String listFile) throws InvalidRunException {
    List<String> lines;
    Path folder = null;
    try {
      if (isLocal(listFile)) {
        Path path = Paths.get(listFile).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
          throw new InvalidRunException("input list not found: " + listFile);
        }
        folder = path.getParent();
        lines = Files.readAllLines(path, StandardCharsets.UTF_8);
      } else {
        try (BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(
                    Channels.newInputStream(
                        FileSystems.open(FileSystems.matchSingleFileSpec(listFile).resourceId())),
                    StandardCharsets.UTF_8))) {
          lines = reader.lines().toList();
        }
      }
    } catch (IOException e) {
      throw new InvalidRunException(
          "cannot read input list " + listFile + ": " + e.getMessage(), e);
    }
    List<InputPattern> patterns = new ArrayList<>();
    int lineNumber = 0;
    for (String line : lines) {
      lineNumber++;
      String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      try {
        if (isLocal(listFile) || !isLocal(entry)) {
          patterns.add(resolveOne(entry, folder));
        } else {
          patterns.add(remote(listFile.substring(0, listFile.lastIndexOf('/') + 1) + entry));
        }
      } catch (InvalidRunException e) {
        throw new InvalidRunException(listFile + " line " + lineNumber + ": " + e.getMessage(), e);
      }
    }
    return patterns;
  }

  private static int firstWildcard(String spec) {
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return i;
      }
    }
    return spec.length();
  }

  private static String withSlash(String dir) {
    return dir.endsWith("/") ? dir : dir + "/";
  }

  private static String normaliseRelative(String given) {
    String p = given.replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    return p;
  }
}
