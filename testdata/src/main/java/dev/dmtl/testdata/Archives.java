package dev.dmtl.testdata;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Writes small zip, tar and tar.gz archives for tests, entries in the map's iteration order. */
public final class Archives {

  private Archives() {}

  /**
   * A zip with the given entry names and contents; names are written as given, even unsafe ones.
   */
  public static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        entry.setTime(0); // reproducible bytes
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }

  /** A tar, gzip-compressed when {@code gzip} is true. */
  public static Path tar(Path file, Map<String, byte[]> entries, boolean gzip) throws IOException {
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream out = gzip ? new GzipCompressorOutputStream(raw) : raw;
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), true);
        entry.setSize(e.getValue().length);
        entry.setModTime(0);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
    return file;
  }
}
