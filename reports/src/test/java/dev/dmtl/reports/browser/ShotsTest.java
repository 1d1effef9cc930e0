package dev.dmtl.reports.browser;

import dev.dmtl.reports.ReportWriter;
import dev.dmtl.reports.testing.RealisticReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ShotsTest {
  @Test
  void shots() throws Exception {
    Path dir = Path.of("target/realistic");
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    ReportWriter.write(RealisticReport.input(dir, 4), dir);
    System.out.println("BUILD " + (System.nanoTime() - t0) / 1e9);
    Path html = dir.resolve("report.html").toAbsolutePath();
    try (HeadlessBrowser b = HeadlessBrowser.start()) {
      HeadlessBrowser.Page p = b.newPage();
      HeadlessBrowser.PageLoad load = p.load(html, 1280, 1000);
      System.out.println("LOAD " + load);
      double h = p.contentHeight();
      System.out.println("HEIGHT " + h);
      for (int i = 0; i * 2400 < h; i++) {
        p.clip(Path.of("target/shots/r" + i + ".png"), i * 2400, Math.min(2400, h - i * 2400), 1280);
      }
    }
  }
}
