package dev.dmtl.audit.attributes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.config.BinRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attribute files as users write them, good and bad: every unusable file is one line that names the
 * file and the problem; nothing is guessed.
 */
class AttributeFileTest {

  private static final List<String> TASKS = List.of("age", "gender", "race");

  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private String refused(Path file, List<BinRule> bins) {
    AttributeFileException e =
        assertThrows(AttributeFileException.class, () -> AttributeFile.read(file, bins, TASKS));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  private static String[] paths(String... p) {
    return p;
  }

  @Test
  void aGoodFileJoinsByPathAndBinsItsNumbers() throws Exception {
    Path f =
        file(
            "a.csv",
            "path,site,lux\n./x/a.jpg,north,10\nx/b.jpg,south,20\nx/c.jpg,,30\nx/d.jpg,north,NA\n"
                + "other.jpg,east,5\n");
    AttributeFile a = AttributeFile.read(f, List.of(BinRule.parse("lux=15,25")), TASKS);
    assertEquals(AttributeFile.Key.PATH, a.key());
    assertEquals(List.of("site", "lux"), a.attributes());
    assertEquals(5, a.rows());
    AttributeJoin.Joined j =
        AttributeJoin.join(
            a,
            List.of(BinRule.parse("lux=15,25")),
            paths("x/a.jpg", "x\\b.jpg", "x/c.jpg", "x/d.jpg", "x/e.jpg"),
            new String[5]);
    assertEquals(1, j.inputsWithoutRow()); // x/e.jpg
    assertEquals(1, j.rowsWithoutInput()); // other.jpg
    AttributeJoin.Column site = j.columns().get(0);
    assertEquals(List.of("north", "south", "unknown"), site.values());
    assertEquals(List.of(0, 1, 2, 0, 2), codes(j.codes()[0]));
    AttributeJoin.Column lux = j.columns().get(1);
    assertEquals(List.of("<15", "15-25", ">=25", "unknown"), lux.values());
    assertEquals(List.of(0, 1, 2, 3, 3), codes(j.codes()[1]));
    assertEquals(2, lux.unknown());
  }

  private static List<Integer> codes(int[] c) {
    return java.util.Arrays.stream(c).boxed().toList();
  }

  @Test
  void quantileBinsAreOverTheAuditedInputs() throws Exception {
    StringBuilder csv = new StringBuilder("image_sha256,lux\n");
    String[] shas = new String[8];
    for (int i = 0; i < 8; i++) {
      shas[i] = String.format("%064x", i + 1);
      csv.append(shas[i].toUpperCase(java.util.Locale.ROOT))
          .append(',')
          .append(i * 10)
          .append('\n');
    }
    // a row for an input that is not audited must not move the quartiles
    csv.append(String.format("%064x", 99)).append(",100000\n");
    Path f = file("q.csv", csv.toString());
    AttributeFile a = AttributeFile.read(f, List.of(BinRule.parse("lux=q4")), TASKS);
    assertEquals(AttributeFile.Key.IMAGE_SHA256, a.key());
    AttributeJoin.Joined j =
        AttributeJoin.join(a, List.of(BinRule.parse("lux=q4")), new String[8], shas);
    // R-7 quartiles of 0, 10, …, 70: 17.5, 35, 52.5
    assertEquals(List.of(17.5, 35.0, 52.5), j.columns().get(0).cuts());
    assertEquals(List.of(0, 0, 1, 1, 2, 2, 3, 3), codes(j.codes()[0]));
    assertEquals(List.of("q1", "q2", "q3", "q4"), j.columns().get(0).values());
  }

  @Test
  void aByteOrderMarkIsTolerated() throws Exception {
    Path f = file("bom.csv", "\uFEFFpath,site\na.jpg,x\nb.jpg,y\n");
    AttributeFile a = AttributeFile.read(f, List.of(), TASKS);
    assertEquals(AttributeFile.Key.PATH, a.key());
    assertEquals(List.of("site"), a.attributes());
  }

  @Test
  void malformedFilesAreRefusedWithTheFileAndTheProblem() throws Exception {
    assertTrue(
        refused(file("dup.csv", "path,site\na.jpg,x\nb.jpg,y\na.jpg,z\n"), List.of())
            .contains("data rows 1 and 3: key 'a.jpg' appears twice"));
    assertTrue(
        refused(file("more.csv", "path,site\na.jpg,x\nb.jpg,y,z\n"), List.of())
            .contains("data row 2: 3 cells, the header has 2"));
    assertTrue(
        refused(file("fewer.csv", "path,site,lux\na.jpg,x,1\nb.jpg,y\n"), List.of())
            .contains("data row 2: 2 cells, the header has 3"));
    assertTrue(
        refused(file("task.csv", "path,Gender\na.jpg,f\n"), List.of())
            .contains("column 'Gender' is named like the model's task"));
    assertTrue(
        refused(
                file("text.csv", "path,lux\na.jpg,12\nb.jpg,bright\n"),
                List.of(BinRule.parse("lux=q4")))
            .contains("column 'lux' is binned with --bins, but 'bright' is not a number"));
    assertTrue(
        refused(file("nokey.csv", "file,site\na.jpg,x\n"), List.of())
            .contains("needs a key column 'path'"));
    assertTrue(
        refused(file("twokeys.csv", "path,image_sha256,site\na.jpg,ab,x\n"), List.of())
            .contains("both 'path' and 'image_sha256'"));
    assertTrue(
        refused(file("emptykey.csv", "path,site\na.jpg,x\n,y\n"), List.of())
            .contains("data row 2: empty key 'path'"));
    assertTrue(
        refused(file("badsha.csv", "image_sha256,site\nnot-a-hash,x\n"), List.of())
            .contains("is not a SHA-256"));
    assertTrue(
        refused(file("onlykey.csv", "path\na.jpg\n"), List.of()).contains("no attribute column"));
    assertTrue(
        refused(file("header.csv", "path,site\n"), List.of()).contains("a header but no rows"));
    assertTrue(refused(file("empty.csv", ""), List.of()).contains("empty file"));
    assertTrue(
        refused(file("duphead.csv", "path,site,site\na.jpg,x,y\n"), List.of())
            .contains("names column 'site' twice"));
  }

  @Test
  void encodingsOtherThanUtf8AreRefused() throws Exception {
    Path latin1 = dir.resolve("latin1.csv");
    Files.write(latin1, "path,site\na.jpg,Z\u00fcrich\n".getBytes(StandardCharsets.ISO_8859_1));
    assertTrue(refused(latin1, List.of()).contains("not UTF-8 (byte 0xfc at offset 17)"));
    Path utf16 = dir.resolve("utf16.csv");
    Files.write(utf16, "path,site\na.jpg,x\n".getBytes(StandardCharsets.UTF_16));
    assertTrue(refused(utf16, List.of()).contains("UTF-16"));
  }

  @Test
  void aBinRuleForAColumnTheFileLacksIsAUsageError() throws Exception {
    Path f = file("a.csv", "path,site\na.jpg,x\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AttributeFile.read(f, List.of(BinRule.parse("lux=q4")), TASKS));
    assertTrue(e.getMessage().contains("has no column 'lux'"), e.getMessage());
  }

  @Test
  void attributesThatCannotGroupAreRefused() throws Exception {
    Path one = file("one.csv", "path,site\na.jpg,x\nb.jpg,x\n");
    AttributeFile a = AttributeFile.read(one, List.of(), TASKS);
    AttributeFileException e =
        assertThrows(
            AttributeFileException.class,
            () -> AttributeJoin.join(a, List.of(), paths("a.jpg", "b.jpg"), new String[2]));
    assertTrue(e.getMessage().contains("attribute 'site' has one value (x)"), e.getMessage());

    StringBuilder many = new StringBuilder("path,lux\n");
    String[] keys = new String[60];
    for (int i = 0; i < 60; i++) {
      keys[i] = i + ".jpg";
      many.append(keys[i]).append(',').append(i * 1.5).append('\n');
    }
    AttributeFile m = AttributeFile.read(file("many.csv", many.toString()), List.of(), TASKS);
    e =
        assertThrows(
            AttributeFileException.class,
            () -> AttributeJoin.join(m, List.of(), keys, new String[60]));
    assertTrue(e.getMessage().contains("give --bins lux=q4"), e.getMessage());

    Path ties = file("ties.csv", "path,lux\na.jpg,1\nb.jpg,1\nc.jpg,1\nd.jpg,2\n");
    AttributeFile t = AttributeFile.read(ties, List.of(BinRule.parse("lux=q4")), TASKS);
    e =
        assertThrows(
            AttributeFileException.class,
            () ->
                AttributeJoin.join(
                    t,
                    List.of(BinRule.parse("lux=q4")),
                    paths("a.jpg", "b.jpg", "c.jpg", "d.jpg"),
                    new String[4]));
    assertTrue(
        e.getMessage().contains("too many equal values for 4 quantile bins"), e.getMessage());
  }

  @Test
  void pathKeysNeedPredictionFilesThatRecordThem() throws Exception {
    AttributeFile a =
        AttributeFile.read(file("a.csv", "path,site\na.jpg,x\nb.jpg,y\n"), List.of(), TASKS);
    AttributeFileException e =
        assertThrows(
            AttributeFileException.class,
            () -> AttributeJoin.join(a, List.of(), new String[3], new String[3]));
    assertTrue(e.getMessage().contains("key the file by image_sha256"), e.getMessage());
  }

  @Test
  void binRulesAreCheckedWhenParsed() {
    assertEquals("lux=q5", BinRule.parse(" lux = Q5 ").spec());
    assertEquals("lux=0.5,64", BinRule.parse("lux=0.5,64.0").spec());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> BinRule.parse("lux"))
            .getMessage()
            .contains("is not COLUMN=CUTS or COLUMN=qN"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> BinRule.parse("lux=3,2"))
            .getMessage()
            .contains("must ascend"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> BinRule.parse("lux=q1"))
            .getMessage()
            .contains("between q2 and q20"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> BinRule.parse("lux=a,b"))
            .getMessage()
            .contains("'a' is not a number"));
  }

  @Test
  void unclosedQuotesBlankHeadersSeparatorsAndFoldersAreNamed() throws Exception {
    assertEquals(
        dir.resolve("q.csv") + " line 3: a quote is opened and never closed",
        refused(file("q.csv", "path,site\na.jpg,north\nb.jpg,\"south\nc.jpg,east\n"), List.of()));
    // a doubled quote inside a quoted value is an escaped quote, not an unclosed one
    AttributeFile ok =
        AttributeFile.read(
            file("ok.csv", "path,site\na.jpg,\"the \"\"north\"\" gate\"\nb.jpg,south\n"),
            List.of(),
            TASKS);
    assertEquals(2, ok.rows());
    // a quote inside an unquoted value is text, as the CSV parser reads it
    AttributeFile height =
        AttributeFile.read(
            file("height.csv", "path,height\na.jpg,5'7\"\nb.jpg,6'1\"\n"), List.of(), TASKS);
    assertEquals(2, height.rows());
    assertTrue(
        refused(file("h.csv", "path,,site\na.jpg,1,north\n"), List.of())
            .endsWith(": column 2 has no name in the header row"));
    assertTrue(
        refused(file("s.csv", "path,site\na.jpg,\"north,east\"\nb.jpg,south\n"), List.of())
            .contains("data row 1: value 'north,east' of column 'site' contains ',' or '='"));
    assertTrue(
        refused(file("e.csv", "path,site\na.jpg,site=north\nb.jpg,south\n"), List.of())
            .contains("contains ',' or '='"));
    assertTrue(
        refused(file("l.csv", "path,site\na.jpg,\"north\ngate\"\nb.jpg,south\n"), List.of())
            .contains("data row 1: the value of column 'site' spans lines"));
    Path folder = Files.createDirectories(dir.resolve("folder.csv"));
    assertEquals(
        folder + ": cannot read the attribute file (a folder, not a file)",
        refused(folder, List.of()));
  }
}
