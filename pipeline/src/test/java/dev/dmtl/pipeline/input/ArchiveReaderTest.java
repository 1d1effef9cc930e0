package dev.dmtl.pipeline.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.rows.Stage;
import dev.dmtl.testdata.Archives;
import dev.dmtl.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveReaderTest {

  @TempDir Path tmp;

  /**
   * What the reader reported, one line per entry: {@code name=bytes} or {@code name!STAGE:reason}.
   */
  private static List<String> read(ArchiveKind kind, Path archive, long cap) throws Exception {
    List<String> seen = new ArrayList<>();
    try (InputStream in = Files.newInputStream(archive)) {
      new ArchiveReader(cap)
          .read(
              kind,
              in,
              new ArchiveReader.Visitor() {
                @Override
                public void image(String entry, byte[] content) {
                  seen.add(entry + "=" + new String(content, StandardCharsets.UTF_8));
                }

                @Override
                public void rejected(String entry, Stage stage, String errorClass, String message) {
                  seen.add(entry + "!" + stage + ":" + message);
                }
              });
    }
    return seen;
  }

  private static Map<String, byte[]> entries(String... nameAndContent) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < nameAndContent.length; i += 2) {
      m.put(nameAndContent[i], nameAndContent[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return m;
  }

  @Test
  void zipTarAndTarGzYieldTheSameEntriesInOrder() throws Exception {
    Map<String, byte[]> e = entries("a/one.jpg", "1", "b/two.jpg", "22", "three.png", "333");
    List<String> expected = List.of("a/one.jpg=1", "b/two.jpg=22", "three.png=333");
    assertEquals(expected, read(ArchiveKind.ZIP, Archives.zip(tmp.resolve("x.zip"), e), 100));
    assertEquals(
        expected, read(ArchiveKind.TAR, Archives.tar(tmp.resolve("x.tar"), e, false), 100));
    assertEquals(
        expected, read(ArchiveKind.TAR_GZ, Archives.tar(tmp.resolve("x.tar.gz"), e, true), 100));
  }

  @Test
  void unsafeAndNestedEntriesAreRejectedNotFollowed() throws Exception {
    Map<String, byte[]> e =
        entries(
            "ok.jpg",
            "x",
            "../up.jpg",
            "x",
            "/abs.jpg",
            "x",
            "a/../../b.jpg",
            "x",
            "C:\\win.jpg",
            "x",
            "in.tar.gz",
            "x",
            "disguised.jpg",
            "PK\u0003\u0004rest");
    assertEquals(
        List.of(
            "ok.jpg=x",
            "../up.jpg!ARCHIVE:entry name with '..' is not followed",
            "/abs.jpg!ARCHIVE:absolute entry name is not followed",
            "a/../../b.jpg!ARCHIVE:entry name with '..' is not followed",
            "C:\\win.jpg!ARCHIVE:absolute entry name is not followed",
            "in.tar.gz!ARCHIVE:nested archives are not expanded",
            "disguised.jpg!ARCHIVE:nested archives are not expanded"),
        read(ArchiveKind.TAR, Archives.tar(tmp.resolve("x.tar"), e, false), 100));
  }

  @Test
  void tarLinksAreNotFollowedAndTheSizeCapAppliesPerEntry() throws Exception {
    Path tar = tmp.resolve("links.tar");
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
      TarArchiveEntry link = new TarArchiveEntry("link.jpg", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("/etc/passwd");
      out.putArchiveEntry(link);
      out.closeArchiveEntry();
      byte[] big = new byte[50];
      TarArchiveEntry file = new TarArchiveEntry("big.jpg");
      file.setSize(big.length);
      out.putArchiveEntry(file);
      out.write(big);
      out.closeArchiveEntry();
      TarArchiveEntry small = new TarArchiveEntry("small.jpg");
      small.setSize(1);
      out.putArchiveEntry(small);
      out.write('s');
      out.closeArchiveEntry();
    }
    assertEquals(
        List.of(
            "link.jpg!ARCHIVE:link entries are not followed",
            "big.jpg!DECODE:file is larger than the cap of 10 bytes",
            "small.jpg=s"),
        read(ArchiveKind.TAR, tar, 10));
  }

  @Test
  void aCorruptZipNamesTheEntryWhereItBroke() throws Exception {
    ArchiveReader.CorruptArchiveException e =
        assertThrows(
            ArchiveReader.CorruptArchiveException.class,
            () -> read(ArchiveKind.ZIP, TestData.bad().resolve("corrupt.zip"), 1 << 20));
    assertEquals("a.jpg", e.entry());
    assertTrue(e.getMessage().startsWith("archive breaks at entry 'a.jpg': "), e.getMessage());
  }

  @Test
  void garbageIsACorruptArchive() throws Exception {
    Path junk =
        Files.write(tmp.resolve("junk.tar.gz"), "not gzip at all".getBytes(StandardCharsets.UTF_8));
    ArchiveReader.CorruptArchiveException e =
        assertThrows(
            ArchiveReader.CorruptArchiveException.class, () -> read(ArchiveKind.TAR_GZ, junk, 100));
    assertEquals(null, e.entry());
  }

  @Test
  void aZipBombEntryIsRefusedAtTheRatioCapAndReadingGoesOn() throws Exception {
    Map<String, byte[]> e = new LinkedHashMap<>();
    e.put("zeros.jpg", new byte[(int) (InflationGuard.FREE_BYTES * 2)]);
    e.put("after.jpg", "ok".getBytes(StandardCharsets.UTF_8));
    for (ArchiveKind kind : List.of(ArchiveKind.ZIP, ArchiveKind.TAR_GZ)) {
      Path archive =
          kind == ArchiveKind.ZIP
              ? Archives.zip(tmp.resolve("bomb.zip"), e)
              : Archives.tar(tmp.resolve("bomb.tar.gz"), e, true);
      List<String> seen = read(kind, archive, 64L << 20);
      assertEquals(2, seen.size(), seen.toString());
      assertTrue(
          seen.get(0)
              .startsWith(
                  "zeros.jpg!ARCHIVE:"
                      + (kind == ArchiveKind.ZIP ? "zip" : "tar.gz")
                      + " entry inflates more than 100:1 (zip bomb?): "),
          seen.get(0));
      assertEquals("after.jpg=ok", seen.get(1));
    }
    // a plain tar is stored, not compressed: no ratio, only the size cap
    Path tar = Archives.tar(tmp.resolve("big.tar"), e, false);
    assertEquals(
        "zeros.jpg!DECODE:file is larger than the cap of 1000 bytes",
        read(ArchiveKind.TAR, tar, 1000).get(0));
  }

  @Test
  void aDuplicateEntryNameIsReadOnceAndReported() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream((OutputStream) bytes)) {
      for (String content : List.of("first", "second")) {
        zip.putArchiveEntry(new ZipArchiveEntry("a.jpg"));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeArchiveEntry();
      }
    }
    Path archive = Files.write(tmp.resolve("dup.zip"), bytes.toByteArray());
    assertEquals(
        List.of(
            "a.jpg=first",
            "a.jpg!ARCHIVE:duplicate entry name: an earlier entry of this archive has the same"
                + " name, only that one is read"),
        read(ArchiveKind.ZIP, archive, 100));
  }

  @Test
  void anArchiveWithoutFilesIsOneRejectionNotNothing() throws Exception {
    String none = "null!ARCHIVE:archive holds no file entries";
    assertEquals(
        List.of(none), read(ArchiveKind.ZIP, Archives.zip(tmp.resolve("e.zip"), Map.of()), 100));
    assertEquals(
        List.of(none),
        read(ArchiveKind.ZIP, Files.write(tmp.resolve("zero.zip"), new byte[0]), 100));
    assertEquals(
        List.of(none),
        read(ArchiveKind.TAR, Archives.tar(tmp.resolve("e.tar"), Map.of(), false), 100));
  }

  @Test
  void archiveKindsAreRecognisedByName() {
    assertEquals(ArchiveKind.TAR_GZ, ArchiveKind.of("x/Photos.TGZ").orElseThrow());
    assertEquals(ArchiveKind.TAR_GZ, ArchiveKind.of("a.tar.gz").orElseThrow());
    assertEquals(ArchiveKind.TAR, ArchiveKind.of("a.tar").orElseThrow());
    assertEquals(ArchiveKind.ZIP, ArchiveKind.of("a.zip").orElseThrow());
    assertTrue(ArchiveKind.of("a.jpg").isEmpty());
  }
}
