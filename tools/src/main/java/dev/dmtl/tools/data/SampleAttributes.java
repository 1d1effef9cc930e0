package dev.dmtl.tools.data;

import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.tools.InputPaths;
import dev.dmtl.tools.ToolInputException;
import dev.dmtl.tools.detect.ImageFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Derives audit attributes a data team could have for UTKFace crops, from the files alone: the
 * capture year in the name's date-time field ({@code age_gender_race_yyyyMMddHHmmssSSS…}) and the
 * image's mean brightness (Rec. 601 luma, 0–255) as the pipeline decodes it. Lighting is a known
 * confounder of skin tone, so an auditor asks whether accuracy depends on it. Writes {@code
 * path,capture_year,brightness}, keyed by the file's path relative to the folder (the key {@code
 * dmtl audit --attributes} joins by). Made {@code testdata/utkface-sample-attributes.csv}.
 */
@Command(
    name = "sample-attributes",
    mixinStandardHelpOptions = true,
    description =
        "Writes capture year (from UTKFace names) and mean brightness of the crops in a folder as an "
            + "attribute CSV for dmtl audit --attributes.")
public final class SampleAttributes implements Callable<Integer> {

  private static final Pattern DATE_TIME =
      Pattern.compile("^\\d{1,3}_\\d_(?:\\d_)?(\\d{4})\\d{4,}");

  @Parameters(index = "0", paramLabel = "DIR", description = "UTKFace crops (*.jpg).")
  Path dir;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE.csv",
      description = "The attribute CSV to write.")
  Path output;

  @Override
  public Integer call() throws IOException, ToolInputException {
    List<Path> images;
    try (Stream<Path> files = Files.list(InputPaths.directory(dir, "a folder of UTKFace crops"))) {
      images = files.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted().toList();
    }
    if (images.isEmpty()) {
      throw new ToolInputException(dir + ": no *.jpg files");
    }
    try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8);
        CSVPrinter csv =
            new CSVPrinter(
                w,
                CSVFormat.DEFAULT
                    .builder()
                    .setHeader("path", "capture_year", "brightness")
                    .setRecordSeparator('\n')
                    .build())) {
      for (Path image : images) {
        String name = image.getFileName().toString();
        Matcher m = DATE_TIME.matcher(name);
        csv.printRecord(
            name,
            m.find() ? m.group(1) : "",
            String.format(Locale.ROOT, "%.1f", meanLuma(ImageFiles.read(image))));
      }
    }
    System.out.println("wrote " + images.size() + " rows to " + output);
    return 0;
  }

  /** Mean Rec. 601 luma of an image, 0–255. */
  static double meanLuma(RgbImage image) {
    byte[] rgb = image.data();
    double sum = 0;
    for (int i = 0; i < rgb.length; i += 3) {
      sum += 0.299 * (rgb[i] & 0xff) + 0.587 * (rgb[i + 1] & 0xff) + 0.114 * (rgb[i + 2] & 0xff);
    }
    return sum / (rgb.length / 3.0);
  }
}
