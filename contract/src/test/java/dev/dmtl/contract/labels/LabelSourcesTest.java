package dev.dmtl.contract.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelSourcesTest {

  @Test
  void csvJoinsOnTheRelativePath() throws Exception {
    String csv =
        """
        path,age,gender,race
        faces/a.jpg,35,female,Asian
        ./faces/b.jpg,25-32,,
        c.jpg,abc,male,white
        d.jpg,,,
        """;
    LabelTable table = CsvLabels.parse(new StringReader(csv), "labels.csv");
    assertEquals("csv:labels.csv", table.description());
    assertEquals(4, table.size());
    assertEquals(Optional.of(FaceLabels.exact(35, "female", "asian")), table.lookup("faces/a.jpg"));
    assertEquals(Optional.of(new FaceLabels(25, 32, null, null)), table.lookup("faces\\b.jpg"));
    // an unparsable age stays unknown and is counted; the other fields still count
    assertEquals(Optional.of(FaceLabels.exact(null, "male", "white")), table.lookup("c.jpg"));
    assertEquals(Optional.of(FaceLabels.NONE), table.lookup("d.jpg"));
    assertEquals(1, table.unparsableValues());
    assertEquals(Optional.empty(), table.lookup("a.jpg"), "no guessing by file name");
  }

  @Test
  void csvNeedsAKeyColumnAndUniqueKeys() {
    IllegalArgumentException noKey =
        assertThrows(
            IllegalArgumentException.class,
            () -> CsvLabels.parse(new StringReader("file,age\na.jpg,3\n"), "l.csv"));
    assertEquals(
        "l.csv: the header needs a 'path' or 'entry' column, it has [file, age]",
        noKey.getMessage());
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () -> CsvLabels.parse(new StringReader("entry,age\na.jpg,3\na.jpg,4\n"), "l.csv"));
    assertTrue(twice.getMessage().contains("'a.jpg' is labelled twice"), twice.getMessage());
  }

  @Test
  void malformedCsvRowsNameTheFileAndLine() {
    IllegalArgumentException quote =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CsvLabels.parse(
                    new StringReader("path,age\na.jpg,3\n\"b.jpg,4\nc.jpg,5\n"), "l.csv"));
    assertTrue(quote.getMessage().startsWith("l.csv line "), quote.getMessage());
    assertTrue(
        quote
            .getMessage()
            .contains(
                ": malformed CSV: (startline 3) EOF reached before encapsulated token finished"),
        quote.getMessage());
    IllegalArgumentException junk =
        assertThrows(
            IllegalArgumentException.class,
            () -> CsvLabels.parse(new StringReader("path,age\na.jpg,3\n\"b.jpg\"x,4\n"), "l.csv"));
    assertTrue(
        junk.getMessage()
            .startsWith(
                "l.csv line 3: malformed CSV: Invalid character between encapsulated token"),
        junk.getMessage());
    // an unquoted comma in a path shifts the age into the gender column: an error, not wrong labels
    IllegalArgumentException shifted =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CsvLabels.parse(
                    new StringReader("path,age,gender\na.jpg,3,male\nme, myself.jpg,4,female\n"),
                    "l.csv"));
    assertEquals(
        "l.csv line 3: 4 cells, the header has 3 (a comma in a path must be quoted)",
        shifted.getMessage());
    IllegalArgumentException empty =
        assertThrows(
            IllegalArgumentException.class,
            () -> CsvLabels.parse(new StringReader("path,age\na.jpg,3\n,4\n"), "l.csv"));
    assertEquals("l.csv line 3: empty path", empty.getMessage());
  }

  @Test
  void oddCsvRowsAreReadAndCounted() throws Exception {
    // trailing cells left out are unknown; an age of 200 or "adult" is unknown and counted
    LabelTable table =
        CsvLabels.parse(
            new StringReader("path,age,gender\na.jpg\nb.jpg,200,female\nc.jpg,adult,\n"), "l.csv");
    assertEquals(Optional.of(FaceLabels.NONE), table.lookup("a.jpg"));
    assertEquals(Optional.of(FaceLabels.exact(null, "female", null)), table.lookup("b.jpg"));
    assertEquals(2, table.unparsableValues());
  }

  @Test
  void aShortAdienceRowNamesTheFileAndLine() {
    String fold =
        "user_id\toriginal_image\tface_id\tage\tgender\n1\ta.jpg\t1\t(25, 32)\tf\n2\tb.jpg\n";
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AdienceFolds.parse(
                    List.of(new AdienceFolds.Fold("fold_0_data.txt", new StringReader(fold)))));
    assertEquals(
        "fold_0_data.txt line 3: 2 cells, no 'face_id' (a row must reach the header's 'face_id' column)",
        e.getMessage());
  }

  @Test
  void adienceFoldsMatchTheAdienceFileNames() throws Exception {
    String fold0 =
        "user_id\toriginal_image\tface_id\tage\tgender\tx\ty\tdx\tdy\ttilt_ang\tfiducial_yaw_angle\tfiducial_score\n"
            + "30601258@N03\t10399646885_67c7d20df9_o.jpg\t1\t(25, 32)\tf\t0\t414\t1086\t1383\t-115\t30\t17\n"
            + "30601258@N03\t10424815813_e94629b1ec_o.jpg\t2\t(25, 32)\tm\t301\t105\t640\t641\t0\t0\t94\n"
            + "7153718@N04\t11598838386_349a0d4849_o.jpg\t5\t35\tu\t0\t0\t1\t1\t0\t0\t0\n"
            + "7153718@N04\t11598838386_349a0d4849_o.jpg\t6\tNone\t\t0\t0\t1\t1\t0\t0\t0\n"
            + "7153718@N04\t11598838386_349a0d4849_o.jpg\t7\t(8, 2)\tx\t0\t0\t1\t1\t0\t0\t0\n";
    LabelTable table =
        AdienceFolds.parse(
            List.of(new AdienceFolds.Fold("fold_0_data.txt", new StringReader(fold0))));
    assertEquals("adience:fold_0_data.txt", table.description());
    assertEquals(
        Optional.of(new FaceLabels(25, 32, "female", null)),
        table.lookup("aligned/30601258@N03/landmark_aligned_face.1.10399646885_67c7d20df9_o.jpg"));
    assertEquals(
        Optional.of(new FaceLabels(25, 32, "male", null)),
        table.lookup("30601258@N03/coarse_tilt_aligned_face.2.10424815813_e94629b1ec_o.jpg"));
    assertEquals(
        Optional.of(new FaceLabels(35, 35, null, null)),
        table.lookup("7153718@N04/landmark_aligned_face.5.11598838386_349a0d4849_o.jpg"));
    assertEquals(
        Optional.of(FaceLabels.NONE),
        table.lookup("7153718@N04/landmark_aligned_face.6.11598838386_349a0d4849_o.jpg"));
    // "(8, 2)" is not a range and "x" is not a gender: both unknown, both counted
    assertEquals(
        Optional.of(FaceLabels.NONE),
        table.lookup("7153718@N04/landmark_aligned_face.7.11598838386_349a0d4849_o.jpg"));
    assertEquals(2, table.unparsableValues());
    assertEquals(
        Optional.empty(), table.lookup("landmark_aligned_face.1.10399646885_67c7d20df9_o.jpg"));
  }

  @Test
  void adienceRejectsOtherFiles() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AdienceFolds.parse(
                    List.of(new AdienceFolds.Fold("x.txt", new StringReader("a\tb\n1\t2\n")))));
    assertTrue(
        e.getMessage().startsWith("x.txt: not an Adience fold file (no 'user_id' column"),
        e.getMessage());
  }

  @Test
  void utkFaceNamesAreALabelSource() {
    assertEquals(
        Optional.of(FaceLabels.exact(26, "female", "asian")),
        UtkFaceLabels.INSTANCE.lookup("dir/26_1_2_20170116174525125.jpg.chip.jpg"));
    assertEquals(
        Optional.of(FaceLabels.exact(39, "female", null)),
        UtkFaceLabels.INSTANCE.lookup("39_1_20170116174525125.jpg.chip.jpg"));
    assertEquals(Optional.empty(), UtkFaceLabels.INSTANCE.lookup("face.jpg"));
  }
}
