package dev.dmtl.testdata;

import dev.dmtl.contract.rows.Stage;
import dev.dmtl.testdata.BadInputs.Expected;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Bad inputs that are not committed to {@code testdata/bad/}, written into a (temporary) folder by
 * the tests that need them: symbolic links, folders named like images and unreadable files do not
 * survive every git checkout, and decompression bombs are kept out of the repository so that no
 * scanner flags it. The expectations use {@link BadInputs.Expected}, relative to that folder.
 */
public final class FileSystemOddities {

  /**
   * Uncompressed size of the bombs' zero-filled entry: over the ratio cap's free 8 MiB, under the
   * 64 MiB file cap.
   */
  public static final int BOMB_BYTES = 16 * 1024 * 1024;

  /** What {@link #write} made, and what the pipeline must make of it. */
  public record Written(List<Expected> expected, boolean unreadableFile, boolean fifo) {}

  private FileSystemOddities() {}

  /**
   * Writes the oddities into {@code dir}.
   *
   * @param unreadable whether to write {@code unreadable.jpg} with no permissions (pointless as
   *     root, who reads it anyway)
   */
  public static Written write(Path dir, boolean unreadable) throws IOException {
    Files.createDirectories(dir);
    byte[] face = SyntheticImages.jpeg(48, 48);
    List<Expected> expected = new ArrayList<>();

    Files.createSymbolicLink(dir.resolve("broken-link.jpg"), Paths.get("missing-target.jpg"));
    expected.add(
        Expected.dead(
            "broken-link.jpg",
            null,
            Stage.READ,
            "broken symbolic link: its target missing-target.jpg does not exist"));
    Files.createSymbolicLink(dir.resolve("loop"), Paths.get("."));
    expected.add(
        Expected.dead("loop", null, Stage.READ, "symbolic link loops back to a folder above it"));
    // a folder named like an image is walked into; it is not an input itself
    Files.write(Files.createDirectories(dir.resolve("x.jpg")).resolve("inside.jpg"), face);
    expected.add(Expected.row("x.jpg/inside.jpg", null));
    Files.createDirectories(dir.resolve("empty-folder.jpg"));

    if (unreadable) {
      Path file = Files.write(dir.resolve("unreadable.jpg"), face);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
      expected.add(Expected.dead("unreadable.jpg", null, Stage.READ, "Permission denied"));
    }
    boolean fifo = mkfifo(dir.resolve("pipe.jpg"));
    if (fifo) {
      expected.add(
          Expected.dead(
              "pipe.jpg", null, Stage.READ, "not a regular file (a FIFO, socket or device)"));
    }

    Archives.zip(
        dir.resolve("bomb.zip"), orderedMap("zeros.jpg", new byte[BOMB_BYTES], "after.jpg", face));
    expected.add(
        Expected.dead(
            "bomb.zip",
            "zeros.jpg",
            Stage.ARCHIVE,
            "zip entry inflates more than 100:1 (zip bomb?)"));
    expected.add(Expected.row("bomb.zip", "after.jpg"));
    Archives.tar(
        dir.resolve("bomb.tar.gz"),
        orderedMap("zeros.bmp", new byte[BOMB_BYTES], "after.jpg", face),
        true);
    expected.add(
        Expected.dead(
            "bomb.tar.gz", "zeros.bmp", Stage.ARCHIVE, "tar.gz entry inflates more than 100:1"));
    expected.add(Expected.row("bomb.tar.gz", "after.jpg"));

    Files.write(dir.resolve("duplicate.zip"), zipWithDuplicate(face, SyntheticImages.jpeg(40, 40)));
    expected.add(Expected.row("duplicate.zip", "a.jpg"));
    expected.add(Expected.dead("duplicate.zip", "a.jpg", Stage.ARCHIVE, "duplicate entry name"));
    return new Written(List.copyOf(expected), unreadable, fifo);
  }

  private static Map<String, byte[]> orderedMap(String k1, byte[] v1, String k2, byte[] v2) {
    Map<String, byte[]> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  /**
   * Two entries named {@code a.jpg}: Java's ZipOutputStream refuses that, commons-compress writes
   * it.
   */
  private static byte[] zipWithDuplicate(byte[] first, byte[] second) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream((OutputStream) bytes)) {
      for (byte[] content : List.of(first, second)) {
        ZipArchiveEntry entry = new ZipArchiveEntry("a.jpg");
        entry.setTime(0);
        zip.putArchiveEntry(entry);
        zip.write(content);
        zip.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** Makes a named pipe with the system's {@code mkfifo}; false where there is none. */
  private static boolean mkfifo(Path path) throws IOException {
    try {
      Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0 && Files.exists(path);
    } catch (IOException e) {
      return false; // no mkfifo on this system: the case is left out, and Written says so
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making a FIFO", e);
    }
  }
}
