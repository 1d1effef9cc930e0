package dev.dmtl.pipeline.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dmtl.pipeline.InvalidRunException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputResolverTest {

  @TempDir Path tmp;

  @Test
  void foldersGlobsAndFilesBecomePatternsWithRelativePaths() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("photos/a"));
    Path file = Files.writeString(dir.resolve("x.jpg"), "x");
    String root = tmp.toAbsolutePath().normalize().toString();
    List<InputPattern> patterns =
        InputResolver.resolve(
            List.of(tmp.resolve("photos").toString(), root + "/photos/*/*.jpg", file.toString()),
            null);
    assertEquals(
        new InputPattern(InputPattern.Kind.DIRECTORY, root + "/photos/**", root + "/photos/"),
        patterns.get(0));
    assertEquals(
        new InputPattern(InputPattern.Kind.GLOB, root + "/photos/*/*.jpg", root + "/photos/"),
        patterns.get(1));
    assertEquals(
        new InputPattern(InputPattern.Kind.FILE, file.toString(), file.toString()),
        patterns.get(2));
    assertEquals("a/x.jpg", patterns.get(0).relativePathOf(root + "/photos/a/x.jpg"));
    assertEquals("a/x.jpg", patterns.get(1).relativePathOf(root + "/photos/a/x.jpg"));
  }

  @Test
  void aListFileResolvesRelativeLinesAgainstItsFolder() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("set"));
    Files.writeString(dir.resolve("a.jpg"), "a");
    Files.createDirectories(dir.resolve("more"));
    Path list = Files.writeString(dir.resolve("inputs.txt"), "# my inputs\n\n./a.jpg\nmore\n");
    String root = dir.toAbsolutePath().normalize().toString();
    assertEquals(
        List.of(
            new InputPattern(InputPattern.Kind.FILE, root + "/a.jpg", "a.jpg"),
            new InputPattern(InputPattern.Kind.DIRECTORY, root + "/more/**", root + "/more/")),
        InputResolver.resolve(List.of(), list.toString()));
  }

  @Test
  void missingInputsFailWithOneLine() throws Exception {
    InvalidRunException e =
        assertThrows(
            InvalidRunException.class,
            () -> InputResolver.resolve(List.of("no/such/file.jpg"), null));
    assertEquals("input not found: no/such/file.jpg", e.getMessage());
    Path list = Files.writeString(tmp.resolve("l.txt"), "gone.jpg\n");
    InvalidRunException inList =
        assertThrows(
            InvalidRunException.class, () -> InputResolver.resolve(List.of(), list.toString()));
    assertEquals(list + " line 1: input not found: gone.jpg", inList.getMessage());
    assertEquals(
        "no input given: name files, folders, globs or archives, or --input-list FILE",
        assertThrows(InvalidRunException.class, () -> InputResolver.resolve(List.of(), null))
            .getMessage());
  }
}
