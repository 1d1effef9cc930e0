package dev.dmtl.pipeline.input;

import dev.dmtl.contract.rows.Stage;
import dev.dmtl.inference.image.CappedRead;
import dev.dmtl.inference.image.ImageDecodeException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * Streams the entries of a zip, tar or tar.gz archive without extracting anything to disk. Every
 * file entry becomes either an image (its bytes, capped at the file-size cap and at a compression
 * ratio, see {@link InflationGuard}) or a rejection with a stage; directories are skipped. A later
 * entry with the name of an earlier one is rejected, so that an address names one input. An archive
 * with no file entry at all is one rejection, so that a file the user named never vanishes from the
 * accounting. Plain Java, so it is tested without Beam.
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
      super(
          (entry == null ? "cannot read the archive" : "archive breaks at entry '" + entry + "'")
              + ": "
              + reason(cause),
          cause);
      this.entry = entry;
    }

    /** The cause in words; a bare {@code EOFException} is how a cut-off tar.gz shows. */
    private static String reason(IOException cause) {
      if (cause.getMessage() != null) {
        return cause.getMessage();
      }
      return cause instanceof EOFException
          ? "the archive ends early (truncated file?)"
          : cause.getClass().getSimpleName();
    }

    /** The entry being read when the archive broke, or null when it broke between entries. */
    public String entry() {
      return entry;
    }
  }

  private final long maxEntryBytes;

  /**
   * @param maxEntryBytes the file-size cap applied to each entry's bytes as they are read
   */
  public ArchiveReader(long maxEntryBytes) {
    this.maxEntryBytes = maxEntryBytes;
  }

  /**
   * Reads all entries of {@code in} (not closed here).
   *
   * @throws CorruptArchiveException when the container itself cannot be read on
   */
  public void read(ArchiveKind kind, InputStream in, Visitor visitor)
      throws CorruptArchiveException {
    String current = null;
    Set<String> names = new HashSet<>();
    try {
      Opened opened = open(kind, new BufferedInputStream(in));
      ArchiveEntry entry;
      while ((entry = opened.archive().getNextEntry()) != null) {
        current = entry.getName();
        visit(opened, entry, names, visitor);
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
    if (names.isEmpty()) {
      // an empty file named .zip, or a valid archive of folders only: not silently nothing
      visitor.rejected(null, Stage.ARCHIVE, "EmptyArchive", "archive holds no file entries");
    }
  }

  /** An open archive and where its compressed byte count comes from (null for a plain tar). */
  private record Opened(
      ArchiveInputStream<? extends ArchiveEntry> archive,
      String container,
      InputStreamStatistics compressed) {
    InflationGuard guard() {
      return compressed == null
          ? InflationGuard.none()
          : InflationGuard.starting(container, compressed::getCompressedCount);
    }
  }

  private static Opened open(ArchiveKind kind, InputStream in) throws IOException {
    switch (kind) {
      case ZIP:
        // stored entries with a data descriptor are legal and common (Java's ZipOutputStream writes
        // them); the zip stream counts the compressed bytes of the current entry
        ZipArchiveInputStream zip = new ZipArchiveInputStream(in, "UTF-8", true, true);
        return new Opened(zip, "zip", zip);
      case TAR:
        return new Opened(new TarArchiveInputStream(in), "tar", null);
      case TAR_GZ:
        // the gzip stream counts compressed bytes over the whole archive; the guard takes
        // differences
        GzipCompressorInputStream gzip = new GzipCompressorInputStream(in, true);
        return new Opened(new TarArchiveInputStream(gzip), "tar.gz", gzip);
      default:
        throw new AssertionError(kind);
    }
  }

  private void visit(Opened opened, ArchiveEntry entry, Set<String> names, Visitor visitor)
      throws IOException {
    ArchiveInputStream<? extends ArchiveEntry> archive = opened.archive();
    String name = entry.getName();
    if (entry.isDirectory()) {
      return;
    }
    if (!names.add(name)) {
      // unzip tools keep one of the two (which one varies); labels join by name; one address, one
      // input
      visitor.rejected(
          name,
          Stage.ARCHIVE,
          "DuplicateEntry",
          "duplicate entry name: an earlier entry of this archive has the same name, only that one is read");
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
      visitor.rejected(
          name,
          Stage.ARCHIVE,
          "UnsupportedEntry",
          "entry is encrypted or uses an unsupported compression method");
      return;
    }
    byte[] content;
    try {
      content = readEntry(archive, opened.guard());
    } catch (ImageDecodeException e) {
      visitor.rejected(name, e.stage(), e.errorClass(), e.getMessage());
      return;
    } catch (InflationGuard.Exceeded e) {
      // the rest of the entry is skipped by getNextEntry without being kept in memory
      visitor.rejected(name, Stage.ARCHIVE, "CompressionRatioExceeded", e.getMessage());
      return;
    }
    if (ArchiveKind.looksNested(name, Arrays.copyOf(content, Math.min(content.length, 512)))) {
      visitor.rejected(name, Stage.ARCHIVE, "NestedArchive", "nested archives are not expanded");
      return;
    }
    visitor.image(name, content);
  }

  /** The entry's bytes, under the file-size cap and the compression-ratio cap. */
  private byte[] readEntry(InputStream entry, InflationGuard guard)
      throws IOException, ImageDecodeException, InflationGuard.Exceeded {
    return CappedRead.readAll(entry, maxEntryBytes, guard::check);
  }
}
