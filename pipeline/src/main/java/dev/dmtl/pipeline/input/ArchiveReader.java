package dev.dmtl.pipeline.input;

import dev.dmtl.contract.rows.Stage;
import dev.dmtl.inference.image.CappedRead;
import dev.dmtl.inference.image.ImageDecodeException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Streams the entries of a zip, tar or tar.gz archive without extracting anything to disk. Every
 * file entry becomes either an image (its bytes, capped at the file-size cap) or a rejection with a
 * stage; directories are skipped. Plain Java, so it is tested without Beam.
 */
public final class ArchiveReader {

  /** Receives the entries in archive order. */
  public interface Visitor {
    /** A file entry that may be an image. */
    void image(String entry, byte[] content);

    /** An entry that is not read as an image, and why. */
    void rejected(String entry, Stage stage, String errorClass, String message);
  }

  /** The archive itself is corrupt or truncated; entries before {@link #entry()} were delivered. */
  public static final class CorruptArchiveException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String entry;

    CorruptArchiveException(String entry, IOException cause) {
      super((entry == null ? "cannot read the archive" : "archive breaks at entry '" + entry + "'") + ": "
          + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
      this.entry = entry;
    }

    /** The entry being read when the archive broke, or null when it broke between entries. */
    public String entry() {
      return entry;
    }
  }

  private final long maxEntryBytes;

  /** @param maxEntryBytes the file-size cap applied to each entry's bytes as they are read */
  public ArchiveReader(long maxEntryBytes) {
    this.maxEntryBytes = maxEntryBytes;
  }

  /**
   * Reads all entries of {@code in} (not closed here).
   *
   * @throws CorruptArchiveException when the container itself cannot be read on
   */
  public void read(ArchiveKind kind, InputStream in, Visitor visitor) throws CorruptArchiveException {
    String current = null;
    try {
      ArchiveInputStream<? extends ArchiveEntry> archive = open(kind, new BufferedInputStream(in));
      ArchiveEntry entry;
      while ((entry = archive.getNextEntry()) != null) {
        current = entry.getName();
        visit(archive, entry, visitor);
        current = null;
      }
    } catch (CorruptArchiveException e) {
      throw e;
    } catch (IOException e) {
      throw new CorruptArchiveException(current, e);
    } catch (IllegalArgumentException e) {
      // commons-compress signals some malformed headers (bad octal numbers in tar) this way
      throw new CorruptArchiveException(current, new IOException(e.getMessage(), e));
    }
  }

  private static ArchiveInputStream<? extends ArchiveEntry> open(ArchiveKind kind, InputStream in) throws IOException {
    return switch (kind) {
      // stored entries with a data descriptor are legal and common (Java's ZipOutputStream writes them)
      case ZIP -> new ZipArchiveInputStream(in, "UTF-8", true, true);
      case TAR -> new TarArchiveInputStream(in);
      case TAR_GZ -> new TarArchiveInputStream(new GzipCompressorInputStream(in, true));
    };
  }

  private void visit(ArchiveInputStream<? extends ArchiveEntry> archive, ArchiveEntry entry, Visitor visitor)
      throws IOException {
    String name = entry.getName();
    if (entry.isDirectory()) {
      return;
    }
    if (entry instanceof TarArchiveEntry tar) {
      // isFile() alone is true for any non-directory name, links included: check the type flags
      if (tar.isSymbolicLink() || tar.isLink()) {
        visitor.rejected(name, Stage.ARCHIVE, "UnsupportedEntry", "link entries are not followed");
        return;
      }
      if (tar.isCharacterDevice() || tar.isBlockDevice() || tar.isFIFO() || !tar.isFile()) {
        visitor.rejected(name, Stage.ARCHIVE, "UnsupportedEntry", "not a regular file entry");
        return;
      }
    }
    var unsafe = EntryNames.unsafeReason(name);
    if (unsafe.isPresent()) {
      visitor.rejected(name, Stage.ARCHIVE, "UnsafeEntryName", unsafe.get());
      return;
    }
    if (ArchiveKind.looksNested(name, null)) {
      visitor.rejected(name, Stage.ARCHIVE, "NestedArchive", "nested archives are not expanded");
      return;
    }
    if (entry instanceof ZipArchiveEntry zip && !archive.canReadEntryData(zip)) {
      visitor.rejected(name, Stage.ARCHIVE, "UnsupportedEntry", "entry is encrypted or uses an unsupported compression method");
      return;
    }
    byte[] content;
    try {
      content = CappedRead.readAll(archive, maxEntryBytes);
    } catch (ImageDecodeException e) {
      visitor.rejected(name, e.stage(), e.errorClass(), e.getMessage());
      return;
    }
    if (ArchiveKind.looksNested(name, Arrays.copyOf(content, Math.min(content.length, 512)))) {
      visitor.rejected(name, Stage.ARCHIVE, "NestedArchive", "nested archives are not expanded");
      return;
    }
    visitor.image(name, content);
  }
}
