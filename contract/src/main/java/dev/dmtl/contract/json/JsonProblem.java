package dev.dmtl.contract.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;

/**
 * Turns a Jackson failure into one line a user can act on: the document, the place in it and the
 * problem, e.g. {@code dmtl.tasks[0]: ordinal task 'age': ranks must be strictly increasing}.
 */
final class JsonProblem {

  private JsonProblem() {}

  /** {@code what: path: problem}, or {@code what: problem} for the document as a whole. */
  static IllegalArgumentException of(String what, IOException e) {
    String path = e instanceof JsonMappingException m ? path(m) : "";
    if (isMissing(e) && !path.isEmpty()) {
      return new IllegalArgumentException(what + ": " + path + " is missing", e);
    }
    return new IllegalArgumentException(
        what + ": " + (path.isEmpty() ? "" : path + ": ") + problem(e), e);
  }

  /** {@code field[3].other}, or empty at the top level. */
  private static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
      }
    }
    return out.toString();
  }

  private static String problem(IOException e) {
    // a record's compact constructor rejected the values: its message is the useful one
    if (e instanceof ValueInstantiationException
        && e.getCause() != null
        && e.getCause().getMessage() != null) {
      return e.getCause().getMessage();
    }
    if (e instanceof InvalidFormatException f
        && f.getCause() instanceof IllegalArgumentException cause
        && cause.getMessage() != null) {
      return cause.getMessage();
    }
    if (e instanceof JsonProcessingException p) {
      return p.getOriginalMessage();
    }
    return e.getMessage();
  }

  /**
   * Jackson's "Missing required creator property 'name' (index 0)": the path already names the
   * field.
   */
  private static boolean isMissing(IOException e) {
    return e instanceof JsonProcessingException p
        && p.getOriginalMessage() != null
        && p.getOriginalMessage().startsWith("Missing required creator property");
  }
}
