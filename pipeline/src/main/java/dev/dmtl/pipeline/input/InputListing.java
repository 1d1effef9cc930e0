package dev.dmtl.pipeline.input;

import dev.dmtl.contract.rows.DeadLetter;
import dev.dmtl.contract.rows.Stage;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Lists the input patterns into {@link InputUnit}s: plain files in batches of {@code batchSize}
 * (filled across patterns, so a run has at most one partial batch of plain files), each archive as
 * a unit of its own, and each path that cannot be read as a rejected unit. Local folders are walked
 * by {@link LocalFolderWalk}; everything else is matched through Beam's {@link FileSystems}.
 */
final class InputListing {

  private final int batchSize;
  private final List<InputUnit> units = new ArrayList<>();
  private List<InputItem> batch = new ArrayList<>();

  private InputListing(int batchSize) {
    this.batchSize = batchSize;
  }

  /** The units of {@code patterns}, in listing order. */
  static List<InputUnit> list(List<InputPattern> patterns, int batchSize) throws IOException {
    InputListing listing = new InputListing(batchSize);
    for (InputPattern pattern : patterns) {
      listing.add(pattern);
    }
    listing.flush();
    return listing.units;
  }

  private void add(InputPattern pattern) throws IOException {
    if (pattern.kind() == InputPattern.Kind.DIRECTORY && !pattern.base().contains("://")) {
      LocalFolderWalk.walk(
          Paths.get(pattern.base()),
          new LocalFolderWalk.Listener() {
            @Override
            public void file(Path file, long sizeBytes) {
              InputListing.this.file(
                  pattern, FileSystems.matchNewResource(file.toString(), false), sizeBytes);
            }

            @Override
            public void unreadable(Path path, String errorClass, String message) {
              units.add(
                  InputUnit.rejected(
                      new DeadLetter(
                          path.toString(),
                          null,
                          pattern.relativePathOf(path.toString()),
                          null,
                          Stage.READ,
                          errorClass,
                          message)));
            }
          });
      return;
    }
    // ALLOW: a folder or glob that matches nothing is an empty input, not an error; single files
    // were checked to exist on the driver.
    MatchResult match = FileSystems.match(pattern.spec(), EmptyMatchTreatment.ALLOW);
    if (match.status() == MatchResult.Status.NOT_FOUND) {
      return;
    }
    for (MatchResult.Metadata file : match.metadata()) {
      if (!file.resourceId().isDirectory()) {
        file(pattern, file.resourceId(), file.sizeBytes());
      }
    }
  }

  private void file(InputPattern pattern, ResourceId file, long sizeBytes) {
    String source = file.toString();
    if (ArchiveKind.of(source).isPresent()) {
      units.add(InputUnit.archive(source));
      return;
    }
    batch.add(InputItem.file(source, pattern.relativePathOf(source), sizeBytes));
    if (batch.size() == batchSize) {
      flush();
    }
  }

  private void flush() {
    if (!batch.isEmpty()) {
      units.add(InputUnit.files(batch));
      batch = new ArrayList<>();
    }
  }
}
