package dev.dmtl.pipeline.input;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for archive entry names: relative paths only. An entry named {@code ../x} or {@code
 * /etc/x} is how "zip slip" attacks reach outside an extraction folder; this tool never extracts,
 * but it never follows such names either, and reports them.
 */
public final class EntryNames {

  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

  private EntryNames() {}

  /** Why the name is unsafe, or empty when it is a plain relative path. */
  public static Optional<String> unsafeReason(String name) {
    if (name.isEmpty()) {
      return Optional.of("empty entry name");
    }
    if (name.indexOf('\0') >= 0) {
      return Optional.of("entry name contains a NUL character");
    }
    if (name.startsWith("/") || name.startsWith("\\") || DRIVE.matcher(name).matches()) {
      return Optional.of("absolute entry name is not followed");
    }
    for (String segment : name.split("[/\\\\]")) {
      if (segment.equals("..")) {
        return Optional.of("entry name with '..' is not followed");
      }
    }
    return Optional.empty();
  }
}
