package cn.zhixing.examples.client;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;

/**
 * One line of JSON: what the client prints for each call, so a script (or a test) reads it
 * with any JSON parser. Messages use the proto field names (snake_case) and print every
 * field, false and zero included.
 */
final class JsonLine {
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer()
      .preservingProtoFieldNames()
      .includingDefaultValueFields()
      .omittingInsignificantWhitespace();

  private final StringBuilder json = new StringBuilder("{");

  /** Adds a text field. */
  JsonLine text(String name, String value) {
    return raw(name, quoted(value));
  }

  /** Adds a number field. */
  JsonLine number(String name, long value) {
    return raw(name, Long.toString(value));
  }

  /** Adds a message field, in the proto3 JSON mapping. */
  JsonLine message(String name, MessageOrBuilder message) {
    try {
      return raw(name, PRINTER.print(message));
    } catch (InvalidProtocolBufferException e) { // only for Any with an unknown type
      throw new IllegalStateException("cannot print " + name, e);
    }
  }

  /** Adds an object field. */
  JsonLine object(String name, JsonLine value) {
    return raw(name, value.toString());
  }

  @Override
  public String toString() {
    return json + "}";
  }

  /** Adds a field whose value is JSON already (e.g. an array built of JsonLines). */
  JsonLine raw(String name, String value) {
    if (json.length() > 1) {
      json.append(',');
    }
    json.append(quoted(name)).append(':').append(value);
    return this;
  }

  private static String quoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
