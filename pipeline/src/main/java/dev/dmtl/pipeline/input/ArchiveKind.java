package dev.dmtl.pipeline.input;

import java.util.Locale;
import java.util.Optional;

/** The archive formats whose entries are streamed as inputs, recognised by file name. */
public enum ArchiveKind {
  ZIP(".zip"),
  TAR(".tar"),
  TAR_GZ(".tar.gz", ".tgz");

  // List.of: unmodifiable, as an enum's state must be (the checker knows only Guava's types)
  @SuppressWarnings("ImmutableEnumChecker")
  private final java.util.List<String> suffixes;

  ArchiveKind(String... suffixes) {
    this.suffixes = java.util.List.of(suffixes);
  }

  /** The kind of archive a file name denotes, or empty for anything else. */
  public static Optional<ArchiveKind> of(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    // TAR_GZ before TAR would not matter (".tar.gz" does not end with ".tar"), but keep longest
    // first
    for (ArchiveKind kind : new ArchiveKind[] {TAR_GZ, TAR, ZIP}) {
      for (String suffix : kind.suffixes) {
        if (n.endsWith(suffix)) {
          return Optional.of(kind);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether an archive entry looks like an archive itself, by name or by content: such entries are
   * not expanded (one level of archives only, so a crafted archive cannot recurse).
   */
  public static boolean looksNested(String entryName, byte[] head) {
    String n = entryName.toLowerCase(Locale.ROOT);
    if (of(n).isPresent()
        || n.endsWith(".gz")
        || n.endsWith(".7z")
        || n.endsWith(".rar")
        || n.endsWith(".bz2")
        || n.endsWith(".xz")) {
      return true;
    }
    if (head == null) {
      return false;
    }
    boolean zip =
        head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    boolean gzip = head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
    boolean tar =
        head.length >= 262
            && head[257] == 'u'
            && head[258] == 's'
            && head[259] == 't'
            && head[260] == 'a'
            && head[261] == 'r';
    return zip || gzip || tar;
  }
}
