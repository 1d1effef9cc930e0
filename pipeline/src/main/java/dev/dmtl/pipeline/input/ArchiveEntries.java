package dev.dmtl.pipeline.input;

import dev.dmtl.contract.rows.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileSystems;

/**
 * Reads one archive through Beam's {@link FileSystems} and hands every entry to a visitor: images
 * to {@link ArchiveReader.Visitor#image}, everything refused (unsafe or nested entries, an archive
 * that cannot be opened or is corrupt) to {@link ArchiveReader.Visitor#rejected}. Entries before a
 * corruption have been delivered by then; nothing is thrown.
 */
public final class ArchiveEntries {

  private ArchiveEntries() {}

  /** Reads {@code source} (an archive as matched) with entries capped at {@code maxFileBytes}. */
  public static void read(String source, long maxFileBytes, ArchiveReader.Visitor visitor) {
    ArchiveKind kind =
        ArchiveKind.of(source)
            .orElseThrow(() -> new IllegalArgumentException("not an archive name: " + source));
    InputStream in;
    try {
      in = Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(source, false)));
    } catch (IOException e) {
      visitor.rejected(
          null,
          Stage.READ,
          e.getClass().getSimpleName(),
          "cannot open the archive: " + e.getMessage());
      return;
    }
    try (in) {
      new ArchiveReader(maxFileBytes).read(kind, in, visitor);
    } catch (ArchiveReader.CorruptArchiveException e) {
      visitor.rejected(
          e.entry(), Stage.ARCHIVE, e.getCause().getClass().getSimpleName(), e.getMessage());
    } catch (IOException e) {
      // closing a read-only stream failed after all entries were delivered: nothing was lost
      visitor.rejected(
          null,
          Stage.READ,
          e.getClass().getSimpleName(),
          "error closing the archive: " + e.getMessage());
    }
  }
}
