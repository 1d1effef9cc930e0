package dev.dmtl.pipeline.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFolderWalkTest {

  @TempDir Path tmp;

  @Test
  void linkLoopsAndBrokenLinksAreReportedOnceAndFolderNamesDoNotMatter() throws Exception {
    Files.writeString(tmp.resolve("a.jpg"), "a");
    Files.writeString(Files.createDirectories(tmp.resolve("x.jpg")).resolve("b.jpg"), "b");
    Files.createDirectories(tmp.resolve("empty.jpg"));
    Files.createSymbolicLink(tmp.resolve("gone.jpg"), Paths.get("nowhere.jpg"));
    // two loops: followed blindly they give 40 levels each, multiplied
    Files.createSymbolicLink(tmp.resolve("up"), Paths.get("."));
    Files.createSymbolicLink(tmp.resolve("x.jpg").resolve("back"), Paths.get(".."));
    Files.createSymbolicLink(tmp.resolve("alias.jpg"), Paths.get("a.jpg"));
    List<String> seen = new ArrayList<>();
    LocalFolderWalk.walk(
        tmp,
        new LocalFolderWalk.Listener() {
          @Override
          public void file(Path file, long sizeBytes) {
            seen.add(tmp.relativize(file) + "=" + sizeBytes);
          }

          @Override
          public void unreadable(Path path, String errorClass, String message) {
            seen.add(tmp.relativize(path) + "!" + errorClass + ":" + message);
          }
        });
    assertEquals(
        List.of(
            "a.jpg=1",
            "alias.jpg=1",
            "gone.jpg!BrokenSymlink:broken symbolic link: its target nowhere.jpg does not exist",
            "up!SymlinkLoop:symbolic link loops back to a folder above it: not followed",
            "x.jpg/b.jpg=1",
            "x.jpg/back!SymlinkLoop:symbolic link loops back to a folder above it: not followed"),
        seen.stream().sorted().toList());
  }
}
