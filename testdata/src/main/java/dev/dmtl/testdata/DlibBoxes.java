package dev.dmtl.testdata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads dlib's imglab XML ({@code <images><image file=…><box top= left= width= height=
 * ignore=…/>}). Boxes marked {@code ignore='1'} are "don't care": a detection on them is neither a
 * hit nor a false alarm, and missing them is not a miss.
 */
public final class DlibBoxes {

  /** One annotated box in pixels (left, top, width, height). */
  public record Box(double left, double top, double width, double height, boolean ignore) {}

  /** The boxes of one image; {@code file} is relative to the XML file's folder. */
  public record AnnotatedImage(String file, List<Box> boxes) {
    public AnnotatedImage {
      boxes = List.copyOf(boxes);
    }

    /** Boxes that count for recall. */
    public long countedFaces() {
      return boxes.stream().filter(b -> !b.ignore()).count();
    }
  }

  private DlibBoxes() {}

  /** Parses one dlib XML file; external entities and DTDs are refused. */
  public static List<AnnotatedImage> read(Path xml) throws IOException {
    Document doc;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      doc = builder.parse(xml.toFile());
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("cannot parse dlib annotations " + xml + ": " + e.getMessage(), e);
    }
    List<AnnotatedImage> out = new ArrayList<>();
    NodeList images = doc.getElementsByTagName("image");
    for (int i = 0; i < images.getLength(); i++) {
      Element image = (Element) images.item(i);
      List<Box> boxes = new ArrayList<>();
      NodeList boxNodes = image.getElementsByTagName("box");
      for (int j = 0; j < boxNodes.getLength(); j++) {
        Element b = (Element) boxNodes.item(j);
        try {
          boxes.add(
              new Box(
                  Double.parseDouble(b.getAttribute("left")),
                  Double.parseDouble(b.getAttribute("top")),
                  Double.parseDouble(b.getAttribute("width")),
                  Double.parseDouble(b.getAttribute("height")),
                  "1".equals(b.getAttribute("ignore"))));
        } catch (NumberFormatException e) {
          throw new IOException(
              xml
                  + ": box "
                  + j
                  + " of image '"
                  + image.getAttribute("file")
                  + "' has a missing or non-numeric coordinate",
              e);
        }
      }
      out.add(new AnnotatedImage(image.getAttribute("file"), boxes));
    }
    return out;
  }
}
