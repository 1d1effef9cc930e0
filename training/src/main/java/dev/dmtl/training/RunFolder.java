package dev.dmtl.training;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A training run's folder: {@code config.json}, {@code last.ckpt} (after every epoch),
 * {@code best.ckpt} (best validation score) and {@code history.jsonl} (one {@link EpochRecord} per
 * line). Files are replaced atomically so an interrupted run always leaves a loadable checkpoint.
 */
public final class RunFolder {

  static final ObjectMapper JSON = JsonMapper.builder()
      .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();
  private static final ObjectMapper JSON_LINE = JsonMapper.builder()
      .disable(MapperFeature.AUTO_DETECT_IS_GETTERS).build();

  private final Path dir;

  /** A record as a JSON tree, with the settings of the run folder's files. */
  public static com.fasterxml.jackson.databind.JsonNode toJsonTree(Object value) {
    return JSON_LINE.valueToTree(value);
  }

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
    return dir.resolve("epochs").resolve(String.format(java.util.Locale.ROOT, "epoch-%03d.ckpt", epoch));
  }

  public Path history() {
    return dir.resolve("history.jsonl");
  }

  public void writeConfig(TrainConfig config) throws IOException {
    Files.createDirectories(dir);
    writeAtomically(config(), JSON.writeValueAsBytes(config));
  }

  public TrainConfig readConfig() throws IOException {
    if (!Files.isRegularFile(config())) {
      throw new IOException(dir + " has no config.json: not a training run folder");
    }
    return JSON.readValue(config().toFile(), TrainConfig.class);
  }

  /** Appends one epoch, first dropping lines of epochs at or after it (a resumed run rewrites them). */
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
      out.append(JSON_LINE.writeValueAsString(r)).append('\n');
    }
    writeAtomically(history(), out.toString().getBytes(StandardCharsets.UTF_8));
  }

  public List<EpochRecord> readHistory() throws IOException {
    List<EpochRecord> out = new ArrayList<>();
    if (!Files.isRegularFile(history())) {
      return out;
    }
    for (String line : Files.readAllLines(history(), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(JSON.readValue(line, EpochRecord.class));
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
