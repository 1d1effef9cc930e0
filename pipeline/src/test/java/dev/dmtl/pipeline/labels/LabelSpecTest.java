package dev.dmtl.pipeline.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.labels.FaceLabels;
import dev.dmtl.pipeline.InvalidRunException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelSpecTest {

  @TempDir Path tmp;

  @Test
  void theThreeFormsAreRecognised() throws Exception {
    assertEquals(LabelSpec.Format.UTKFACE, LabelSpec.parse("UTKFace").format());
    Path csv = Files.writeString(tmp.resolve("l.csv"), "path,age\nx/a.jpg,7\n");
    LabelSpec spec = LabelSpec.parse(csv.toString());
    assertEquals(LabelSpec.Format.CSV, spec.format());
    assertEquals(Optional.of(FaceLabels.exact(7, null, null)), spec.load().lookup("x/a.jpg"));
    LabelSpec adience = LabelSpec.parse("folds/fold_0_data.txt, folds/fold_1_data.txt");
    assertEquals(LabelSpec.Format.ADIENCE, adience.format());
    assertEquals(2, adience.files().size());
  }

  @Test
  void anythingElseIsAUsageErrorWithTheThreeForms() {
    InvalidRunException e =
        assertThrows(InvalidRunException.class, () -> LabelSpec.parse("labels.json"));
    assertTrue(
        e.getMessage().contains("expected 'utkface', one .csv file, or Adience fold files"),
        e.getMessage());
  }

  @Test
  void unreadableOrMalformedFilesFailAtLoad() throws Exception {
    InvalidRunException missing =
        assertThrows(
            InvalidRunException.class,
            () -> LabelSpec.parse(tmp.resolve("none.csv").toString()).load());
    assertTrue(missing.getMessage().startsWith("--labels: cannot read "), missing.getMessage());
    Path bad = Files.writeString(tmp.resolve("bad.csv"), "name,age\na,1\n");
    InvalidRunException malformed =
        assertThrows(InvalidRunException.class, () -> LabelSpec.parse(bad.toString()).load());
    assertTrue(
        malformed.getMessage().contains("needs a 'path' or 'entry' column"),
        malformed.getMessage());
  }
}
