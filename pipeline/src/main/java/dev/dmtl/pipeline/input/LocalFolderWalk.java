package dev.dmtl.pipeline.input;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;

/**
 * Lists a local folder recursively for {@link InputListing}, following symbolic links like Beam's
 * own {@code dir/**} match did, but with what that match lacks: a link that loops back to a folder
 * above it is reported once instead of being followed 40 levels deep (two such links multiply the
 * listing to millions of paths), and a broken link, an unreadable folder or a FIFO (reading one
 * blocks forever) is reported instead of being silently left out or hanging the run. Plain Java, so
 * it is tested without Beam.
 */
public final class LocalFolderWalk {

  /** Receives what the walk finds, in walk order. */
  public interface Listener {
    /** A regular file (or a link to one). */
    void file(Path file, long sizeBytes);

    /** A path under the folder that is not read, and why; at stage READ. */
    void unreadable(Path path, String errorClass, String message);
  }

  private LocalFolderWalk() {}

  /**
   * Walks {@code folder}; directories themselves are not inputs (a folder named {@code x.jpg} is
   * walked into).
   */
  public static void walk(Path folder, Listener listener) throws IOException {
    Files.walkFileTree(
        folder,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              listener.file(file, attrs.size());
            } else if (attrs.isSymbolicLink()) {
              // with FOLLOW_LINKS a link reaches here with its own attributes only when its target
              // is missing
              listener.unreadable(
                  file,
                  "BrokenSymlink",
                  "broken symbolic link: its target " + target(file) + " does not exist");
            } else if (!attrs.isDirectory()) {
              listener.unreadable(
                  file,
                  "NotARegularFile",
                  "not a regular file (a FIFO, socket or device): not read");
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (e instanceof FileSystemLoopException) {
              listener.unreadable(
                  file,
                  "SymlinkLoop",
                  "symbolic link loops back to a folder above it: not followed");
            } else if (e instanceof AccessDeniedException) {
              listener.unreadable(
                  file,
                  "AccessDeniedException",
                  "permission denied: cannot read this file or list this folder");
            } else {
              listener.unreadable(
                  file, e.getClass().getSimpleName(), "cannot read: " + e.getMessage());
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static String target(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "(unreadable link)";
    }
  }
}
