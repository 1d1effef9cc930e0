package dev.dmtl.training;

import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.training.EpochRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A training run's folder: {@code config.json}, {@code last.ckpt} (after every epoch), {@code
 * best.ckpt} (best validation score) and {@code history.jsonl} (one {@link EpochRecord} per line).
 * Files are replaced atomically so an interrupted run always leaves a loadable checkpoint.
 */
public final class RunFolder {

  private final Path dir;

  public RunFolder(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path config() {
    return dir.resolve("config.json");
  }

  public Path lastCheckpoint() {
    return dir.resolve("last.ckpt");
  }

  public Path bestCheckpoint() {
    return dir.resolve("best.ckpt");
  }

  /** Weights after epoch {@code epoch}, kept when the run's config asks for it. */
  public Path epochCheckpoint(int epoch) {
    return dir.resolve("epochs")
        .resolve(String.format(java.util.Locale.ROOT, "epoch-%03d.ckpt", epoch));
  }

  public Path history() {
    return dir.resolve("history.jsonl");
  }

  public void writeConfig(TrainConfig config) throws IOException {
    Files.createDirectories(dir);
    writeAtomically(config(), DmtlJson.pretty(config));
  }

  public TrainConfig readConfig() throws IOException {
    if (!Files.isRegularFile(config())) {
      throw new IOException(dir + " has no config.json: not a training run folder");
    }
    return DmtlJson.read(config(), TrainConfig.class);
  }

  /**
   * Appends one epoch, first dropping lines of epochs at or after it (a resumed run rewrites them).
   */
  public void appendHistory(EpochRecord record) throws IOException {
    List<EpochRecord> kept = new ArrayList<>();
    for (EpochRecord r : readHistory()) {
      if (r.epoch() < record.epoch()) {
        kept.add(r);
      }
    }
    kept.add(record);
    StringBuilder out = new StringBuilder();
    for (EpochRecord r : kept) {
      out.append(DmtlJson.compact(r)).append('\n');
    }
    writeAtomically(history(), out.toString().getBytes(StandardCharsets.UTF_8));
  }

  public List<EpochRecord> readHistory() throws IOException {
    List<EpochRecord> out = new ArrayList<>();
    if (!Files.isRegularFile(history())) {
      return out;
    }
    List<String> lines = Files.readAllLines(history(), StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        out.add(DmtlJson.read(lines.get(i), EpochRecord.class, history() + " line " + (i + 1)));
      }
    }
    return out;
  }

  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(tmp, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
