package dev.dmtl.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.rows.Stage;
import dev.dmtl.contract.run.RunManifest;
import dev.dmtl.inference.batch.BatchSize;
import dev.dmtl.pipeline.input.ArchiveKind;
import dev.dmtl.pipeline.input.ArchiveReader;
import dev.dmtl.testdata.Archives;
import dev.dmtl.testdata.SyntheticImages;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random byte mutations of four valid inputs (a UTKFace JPEG, a PNG, a zip and a tar.gz of
 * both), {@value #PER_SEED} each, through one whole {@link InferJob} run: the run must finish (no
 * exception escapes a DoFn), and every input must be accounted for exactly once — a plain file as
 * one row or one dead letter, an archive as exactly the entries and breaks that {@link
 * ArchiveReader} reports for it on its own.
 */
class FuzzedInputsTest {

  private static final long SEED = 20240607L;
  private static final int PER_SEED = 50;

  /**
   * Error classes that would mean a programming error surfaced as a dead letter, not a property of
   * the file.
   */
  private static final Set<String> BUGS =
      Set.of("NullPointerException", "ClassCastException", "AssertionError");

  @TempDir Path tmp;

  /** One of four mutations: flip bits, insert bytes, delete bytes, or cut the file short. */
  static byte[] mutate(byte[] original, Random random) {
    int n = original.length;
    switch (random.nextInt(4)) {
      case 0:
        {
          byte[] out = original.clone();
          for (int i = 1 + random.nextInt(8); i > 0; i--) {
            out[random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
          }
          return out;
        }
      case 1:
        {
          int at = random.nextInt(n + 1);
          byte[] inserted = new byte[1 + random.nextInt(16)];
          random.nextBytes(inserted);
          byte[] out = new byte[n + inserted.length];
          System.arraycopy(original, 0, out, 0, at);
          System.arraycopy(inserted, 0, out, at, inserted.length);
          System.arraycopy(original, at, out, at + inserted.length, n - at);
          return out;
        }
      case 2:
        {
          int at = random.nextInt(n);
          int length = Math.min(n - at, 1 + random.nextInt(16));
          byte[] out = new byte[n - length];
          System.arraycopy(original, 0, out, 0, at);
          System.arraycopy(original, at + length, out, at, n - at - length);
          return out;
        }
      default:
        return Arrays.copyOf(original, random.nextInt(n));
    }
  }

  @Test
  void mutatedImagesAndArchivesNeverCrashAndAreEachAccountedForOnce() throws Exception {
    byte[] jpeg = Files.readAllBytes(Fixtures.samples(1).get(0));
    byte[] png = SyntheticImages.png(64, 64);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("face.jpg", jpeg);
    entries.put("faces/gradient.png", png);
    byte[] zip = Files.readAllBytes(Archives.zip(tmp.resolve("seed.zip"), entries));
    byte[] tgz = Files.readAllBytes(Archives.tar(tmp.resolve("seed.tar.gz"), entries, true));
    Map<String, byte[]> seeds = new LinkedHashMap<>();
    seeds.put(".jpg", jpeg);
    seeds.put(".png", png);
    seeds.put(".zip", zip);
    seeds.put(".tar.gz", tgz);

    Path inputs = Files.createDirectories(tmp.resolve("fuzz"));
    Random random = new Random(SEED);
    // expected outcomes per file: 1 for an image; for an archive, what ArchiveReader alone reports
    Map<String, Integer> expected = new TreeMap<>();
    int i = 0;
    for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
      for (int k = 0; k < PER_SEED; k++, i++) {
        String name = String.format("fuzz-%03d%s", i, seed.getKey());
        byte[] bytes = mutate(seed.getValue(), random);
        Files.write(inputs.resolve(name), bytes);
        expected.put(
            name, ArchiveKind.of(name).isPresent() ? outcomesOfArchive(inputs.resolve(name)) : 1);
      }
    }

    Path out = tmp.resolve("out");
    RunManifest.Counts c =
        InferJob.run(
                InferRequest.of(List.of(inputs.toString()), out.toString())
                    .withModel(Fixtures.writeModel(tmp).toString())
                    .withRunner(RunnerKind.DIRECT, 2)
                    .withBatchSize(new BatchSize(16)))
            .manifest()
            .counts();

    assertEquals(c.inputsSeen(), c.inputsWithRows() + c.deadLetters());
    assertEquals(expected.values().stream().mapToInt(Integer::intValue).sum(), c.inputsSeen());
    Map<String, Integer> got = new TreeMap<>();
    String root = inputs.toAbsolutePath().normalize() + "/";
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = db.createStatement()) {
      try (ResultSet rs =
          sql.executeQuery(
              "SELECT source FROM read_parquet('" + out.resolve("predictions.parquet") + "')")) {
        while (rs.next()) {
          got.merge(rs.getString(1).substring(root.length()), 1, Integer::sum);
        }
      }
      try (ResultSet rs =
          sql.executeQuery(
              "SELECT source, entry, stage, error_class, message FROM read_parquet('"
                  + out.resolve("dead_letters.parquet")
                  + "')")) {
        while (rs.next()) {
          String address =
              rs.getString(1).substring(root.length())
                  + (rs.getString(2) == null ? "" : "!/" + rs.getString(2));
          got.merge(rs.getString(1).substring(root.length()), 1, Integer::sum);
          Stage stage = Stage.valueOf(rs.getString(3));
          assertTrue(
              stage == Stage.DECODE || stage == Stage.ARCHIVE,
              address + ": " + stage + " " + rs.getString(5));
          assertFalse(
              BUGS.contains(rs.getString(4)),
              address + ": " + rs.getString(4) + " " + rs.getString(5));
          assertFalse(rs.getString(5).isBlank(), address + " has a message");
        }
      }
    }
    assertEquals(expected, got);
  }

  /**
   * Rows plus dead letters an archive must give: each entry ArchiveReader delivers or rejects, plus
   * a break.
   */
  private static int outcomesOfArchive(Path archive) throws Exception {
    int[] count = {0};
    try (InputStream in = Files.newInputStream(archive)) {
      new ArchiveReader(64L << 20)
          .read(
              ArchiveKind.of(archive.toString()).orElseThrow(),
              in,
              new ArchiveReader.Visitor() {
                @Override
                public void image(String entry, byte[] content) {
                  count[0]++;
                }

                @Override
                public void rejected(String entry, Stage stage, String errorClass, String message) {
                  count[0]++;
                }
              });
    } catch (ArchiveReader.CorruptArchiveException e) {
      count[0]++;
    }
    return count[0];
  }
}
