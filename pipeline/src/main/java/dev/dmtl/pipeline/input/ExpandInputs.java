package dev.dmtl.pipeline.input;

import dev.dmtl.contract.rows.DeadLetter;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.pipeline.DeadLetterCoder;
import dev.dmtl.pipeline.RunCounters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Matches the input patterns through Beam's {@link FileSystems} and streams archive entries:
 * every file and every archive entry becomes one {@link InputItem} on {@link #ITEMS}, or one
 * {@link DeadLetter} on {@link #DEAD_LETTERS} (unsafe or nested entries, unreadable or corrupt
 * archives; in local folders broken links, link loops and unreadable folders). Each of those is
 * counted as one input seen.
 */
public final class ExpandInputs extends PTransform<PCollection<InputPattern>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<InputItem> ITEMS = new TupleTag<>() {};
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>() {};

  private final long maxFileBytes;
  private final String runId;

  /**
   * @param maxFileBytes the file-size cap, applied to archive entries as they are read
   * @param runId the run the counters belong to
   */
  public ExpandInputs(long maxFileBytes, String runId) {
    this.maxFileBytes = maxFileBytes;
    this.runId = runId;
  }

  @Override
  public PCollectionTuple expand(PCollection<InputPattern> patterns) {
    PCollectionTuple out = patterns.apply("MatchAndExpand",
        ParDo.of(new ExpandFn(maxFileBytes, new RunCounters(runId))).withOutputTags(ITEMS, TupleTagList.of(DEAD_LETTERS)));
    out.get(ITEMS).setCoder(InputItem.Coder.INSTANCE);
    out.get(DEAD_LETTERS).setCoder(DeadLetterCoder.INSTANCE);
    return out;
  }

  static final class ExpandFn extends DoFn<InputPattern, InputItem> {
    private static final long serialVersionUID = 1L;
    private final long maxFileBytes;
    private final RunCounters counters;

    ExpandFn(long maxFileBytes, RunCounters counters) {
      this.maxFileBytes = maxFileBytes;
      this.counters = counters;
    }

    @ProcessElement
    public void process(@Element InputPattern pattern, MultiOutputReceiver out) throws IOException {
      if (pattern.kind() == InputPattern.Kind.DIRECTORY && !pattern.base().contains("://")) {
        walkLocal(pattern, out);
        return;
      }
      // ALLOW: a folder or glob that matches nothing is an empty input, not an error; single files
      // were checked to exist on the driver.
      MatchResult match = FileSystems.match(pattern.spec(), EmptyMatchTreatment.ALLOW);
      if (match.status() == MatchResult.Status.NOT_FOUND) {
        return;
      }
      for (MatchResult.Metadata file : match.metadata()) {
        if (file.resourceId().isDirectory()) {
          continue;
        }
        file(pattern, file.resourceId(), file.sizeBytes(), out);
      }
    }

    /** A local folder: walked by {@link LocalFolderWalk}, which reports links and files it cannot read. */
    private void walkLocal(InputPattern pattern, MultiOutputReceiver out) throws IOException {
      LocalFolderWalk.walk(Paths.get(pattern.base()), new LocalFolderWalk.Listener() {
        @Override
        public void file(Path file, long sizeBytes) {
          ExpandFn.this.file(pattern, FileSystems.matchNewResource(file.toString(), false), sizeBytes, out);
        }

        @Override
        public void unreadable(Path path, String errorClass, String message) {
          counters.inputSeen();
          counters.deadLetter(Stage.READ);
          out.get(DEAD_LETTERS).output(new DeadLetter(path.toString(), null, Stage.READ, errorClass, message));
        }
      });
    }

    private void file(InputPattern pattern, ResourceId file, long sizeBytes, MultiOutputReceiver out) {
      String source = file.toString();
      Optional<ArchiveKind> archive = ArchiveKind.of(source);
      if (archive.isPresent()) {
        expand(archive.get(), file, out);
      } else {
        counters.inputSeen();
        out.get(ITEMS).output(InputItem.file(source, pattern.relativePathOf(source), sizeBytes));
      }
    }

    private void expand(ArchiveKind kind, ResourceId file, MultiOutputReceiver out) {
      String source = file.toString();
      ArchiveReader.Visitor visitor = new ArchiveReader.Visitor() {
        @Override
        public void image(String entry, byte[] content) {
          counters.inputSeen();
          out.get(ITEMS).output(InputItem.entry(source, entry, content));
        }

        @Override
        public void rejected(String entry, Stage stage, String errorClass, String message) {
          counters.inputSeen();
          counters.deadLetter(stage);
          out.get(DEAD_LETTERS).output(new DeadLetter(source, entry, stage, errorClass, message));
        }
      };
      InputStream in;
      try {
        in = Channels.newInputStream(FileSystems.open(file));
      } catch (IOException e) {
        visitor.rejected(null, Stage.READ, e.getClass().getSimpleName(), "cannot open the archive: " + e.getMessage());
        return;
      }
      try (in) {
        new ArchiveReader(maxFileBytes).read(kind, in, visitor);
      } catch (ArchiveReader.CorruptArchiveException e) {
        visitor.rejected(e.entry(), Stage.ARCHIVE, e.getCause().getClass().getSimpleName(), e.getMessage());
      } catch (IOException e) {
        // closing a read-only stream failed after all entries were delivered: nothing was lost
        visitor.rejected(null, Stage.READ, e.getClass().getSimpleName(), "error closing the archive: " + e.getMessage());
      }
    }
  }
}
