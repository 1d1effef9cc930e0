package dev.dmtl.pipeline.output;

import dev.dmtl.pipeline.InvalidRunException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * The output folder of a run, written all-or-nothing: the pipeline writes into a hidden {@code
 * .dmtl-incomplete-<run id>/} folder inside it; only when the run has succeeded and its counts add
 * up are the files renamed into place, the manifest last, so a folder with a {@code manifest.json}
 * always holds a complete result. A failed run removes its temporary folder.
 *
 * <p>A run that is killed (kill -9, power loss) cannot remove its folder. So a local run holds an
 * exclusive lock on {@code .dmtl-incomplete-<run id>/.lock} while it runs ({@link #claim()}; the
 * operating system drops the lock when the process dies), and the next run into the same folder
 * removes every {@code .dmtl-incomplete-*} folder whose lock it can take: they belong to runs that
 * are gone. Folders of runs still going are left alone.
 */
public final class OutputDirectory {

  public static final String PREDICTIONS = "predictions.parquet";
  public static final String DEAD_LETTERS = "dead_letters.parquet";
  public static final String MANIFEST = "manifest.json";

  /** File-name prefixes the pipeline writes under the temporary folder. */
  public static final String PREDICTIONS_PREFIX = "predictions";

  public static final String DEAD_LETTERS_PREFIX = "dead_letters";

  /** Name prefix of the temporary folders, followed by the run id. */
  public static final String TEMP_PREFIX = ".dmtl-incomplete-";

  private static final String LOCK = ".lock";
  private static final String MERGED_PREFIX = "merged-";

  private final ResourceId dir;
  private final ResourceId temp;
  private java.nio.channels.FileChannel lockChannel;

  /**
   * @param output the output folder as the user gave it (local path or FileSystems URI)
   * @param runId names the temporary folder
   */
  public OutputDirectory(String output, String runId) {
    String path =
        output.contains("://")
            ? output
            : java.nio.file.Paths.get(output).toAbsolutePath().normalize().toString();
    this.dir = FileSystems.matchNewResource(path, true);
    this.temp = dir.resolve(TEMP_PREFIX + runId, StandardResolveOptions.RESOLVE_DIRECTORY);
  }

  /** The final folder. */
  public ResourceId dir() {
    return dir;
  }

  /** Where the pipeline writes, as a FileSystems path. */
  public ResourceId temp() {
    return temp;
  }

  /**
   * Refuses to start when the folder already holds a result, unless {@code overwrite}.
   *
   * @throws InvalidRunException naming the file that is in the way
   */
  public void checkWritable(boolean overwrite) throws InvalidRunException {
    if (overwrite) {
      return;
    }
    for (String name : List.of(MANIFEST, PREDICTIONS, DEAD_LETTERS)) {
      ResourceId file = dir.resolve(name, StandardResolveOptions.RESOLVE_FILE);
      if (exists(file)) {
        throw new InvalidRunException(
            "output folder "
                + dir
                + " already holds a result ("
                + name
                + "); choose another folder or pass --overwrite");
      }
    }
  }

  /**
   * Creates this run's temporary folder and locks it, then removes the temporary folders of earlier
   * runs into the same folder that were killed (their lock is free). Only for local folders; on
   * other file systems leftovers of killed runs stay (they never look like a result).
   *
   * @return the leftover folders removed
   * @throws IOException when the folder cannot be created or locked
   */
  public List<java.nio.file.Path> claim() throws IOException {
    if (!temp.getScheme().equals("file")) {
      return List.of();
    }
    java.nio.file.Path own = java.nio.file.Paths.get(temp.toString());
    java.nio.file.Files.createDirectories(own);
    lockChannel =
        java.nio.channels.FileChannel.open(
            own.resolve(LOCK),
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.WRITE);
    if (lockChannel.tryLock() == null) {
      throw new IOException("another process holds " + own.resolve(LOCK));
    }
    List<java.nio.file.Path> removed = new ArrayList<>();
    try (var siblings =
        java.nio.file.Files.newDirectoryStream(own.getParent(), TEMP_PREFIX + "*")) {
      for (java.nio.file.Path other : siblings) {
        if (!other.equals(own) && java.nio.file.Files.isDirectory(other) && abandoned(other)) {
          deleteTree(other);
          removed.add(other);
        }
      }
    }
    return removed;
  }

  /**
   * Whether no live process holds the folder's lock (a folder without a lock file counts as
   * abandoned).
   */
  private static boolean abandoned(java.nio.file.Path folder) throws IOException {
    java.nio.file.Path lock = folder.resolve(LOCK);
    if (!java.nio.file.Files.exists(lock)) {
      return true;
    }
    try (java.nio.channels.FileChannel ch =
        java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.channels.FileLock l = ch.tryLock();
      if (l == null) {
        return false;
      }
      l.release();
      return true;
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return false; // held by another run in this JVM
    }
  }

  private static void deleteTree(java.nio.file.Path root) throws IOException {
    try (var walk = java.nio.file.Files.walk(root)) {
      for (java.nio.file.Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Writes an empty Parquet file (schema and footer, no rows) for {@code prefix} when the pipeline
   * wrote none: runners differ on whether an empty PCollection yields a file (Flink writes none),
   * and a result always has both files.
   */
  public void ensureFile(
      String prefix, org.apache.avro.Schema schema, java.util.Map<String, String> footer)
      throws IOException {
    if (!shards(prefix).isEmpty()) {
      return;
    }
    ResourceId file =
        temp.resolve(prefix + "-00000-of-00001.parquet", StandardResolveOptions.RESOLVE_FILE);
    FooterParquetSink sink = new FooterParquetSink(schema, footer);
    try (java.nio.channels.WritableByteChannel channel =
        FileSystems.create(file, MimeTypes.BINARY)) {
      sink.open(channel);
      sink.flush();
    }
  }

  /**
   * Moves the pipeline's files into place (joining the files of parallel writers into one per
   * output) and writes the manifest last. Nothing is published unless the files hold exactly the
   * rows the run counted: a lost or duplicated file (say, left by a retried task) fails the commit.
   *
   * @param rows the prediction rows the run counted
   * @param deadLetters the dead letters the run counted
   * @throws IOException when the files are not as the pipeline should have left them, or a move
   *     fails
   */
  public void commit(byte[] manifestJson, long rows, long deadLetters) throws IOException {
    ResourceId predictionsFile = joined(PREDICTIONS_PREFIX);
    ResourceId deadLettersFile = joined(DEAD_LETTERS_PREFIX);
    checkRows(predictionsFile, rows);
    checkRows(deadLettersFile, deadLetters);
    ResourceId manifest = dir.resolve(MANIFEST, StandardResolveOptions.RESOLVE_FILE);
    // An old manifest goes first: between here and the end, no manifest claims the folder is
    // complete.
    FileSystems.delete(List.of(manifest), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    ResourceId tempManifest = temp.resolve(MANIFEST, StandardResolveOptions.RESOLVE_FILE);
    try (OutputStream out =
        Channels.newOutputStream(FileSystems.create(tempManifest, MimeTypes.TEXT))) {
      out.write(manifestJson);
    }
    FileSystems.rename(
        List.of(predictionsFile, deadLettersFile),
        List.of(
            dir.resolve(PREDICTIONS, StandardResolveOptions.RESOLVE_FILE),
            dir.resolve(DEAD_LETTERS, StandardResolveOptions.RESOLVE_FILE)));
    FileSystems.rename(List.of(tempManifest), List.of(manifest));
    removeTemp();
  }

  /** Removes the temporary folder and everything in it; the final folder is left as it was. */
  public void abort() throws IOException {
    removeTemp();
  }

  private void removeTemp() throws IOException {
    if (lockChannel != null) {
      lockChannel.close(); // releases the lock
      lockChannel = null;
    }
    MatchResult match = FileSystems.match(temp + "**", EmptyMatchTreatment.ALLOW);
    List<ResourceId> files = new ArrayList<>();
    if (match.status() == MatchResult.Status.OK) {
      match.metadata().forEach(m -> files.add(m.resourceId()));
    }
    FileSystems.delete(files, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    if (!temp.getScheme().equals("file")) {
      return; // object stores have no folders to remove
    }
    // Beam's own temp folders, then ours: deepest first
    java.nio.file.Path root = java.nio.file.Paths.get(temp.toString());
    if (java.nio.file.Files.exists(root)) {
      deleteTree(root);
    }
  }

  private List<MatchResult.Metadata> shards(String prefix) throws IOException {
    MatchResult match = FileSystems.match(temp + prefix + "-*.parquet", EmptyMatchTreatment.ALLOW);
    return match.status() == MatchResult.Status.OK ? match.metadata() : List.of();
  }

  /**
   * The one file holding all of {@code prefix}'s rows: the pipeline's file when it wrote one, else
   * its parallel writers' files merged (row groups copied, in file-name order).
   */
  private ResourceId joined(String prefix) throws IOException {
    List<MatchResult.Metadata> files = new ArrayList<>(shards(prefix));
    if (files.isEmpty()) {
      throw new IOException("expected a " + prefix + " file in " + temp + ", found none");
    }
    if (files.size() == 1) {
      return files.get(0).resourceId();
    }
    files.sort(java.util.Comparator.comparing(m -> m.resourceId().toString()));
    // outside the shard pattern, so a retried commit does not merge the merged file again
    ResourceId merged =
        temp.resolve(MERGED_PREFIX + prefix + ".parquet", StandardResolveOptions.RESOLVE_FILE);
    ParquetShards.merge(files, merged);
    return merged;
  }

  private static void checkRows(ResourceId file, long counted) throws IOException {
    long held = ParquetShards.rows(file);
    if (held != counted) {
      throw new IOException(
          file
              + " holds "
              + held
              + " rows but the run counted "
              + counted
              + "; no output was published");
    }
  }

  private static boolean exists(ResourceId file) throws InvalidRunException {
    try {
      MatchResult match = FileSystems.match(file.toString(), EmptyMatchTreatment.ALLOW);
      return match.status() == MatchResult.Status.OK && !match.metadata().isEmpty();
    } catch (IOException e) {
      throw new InvalidRunException("cannot check output folder: " + e.getMessage(), e);
    }
  }
}
