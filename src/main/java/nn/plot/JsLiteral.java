package nn.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JavaScript object literal, as Tablesaw writes it, into plain Java values.
 *
 * <p>Tablesaw's {@code asJavascript()} writes keys without quotes, strings in single or double quotes and
 * trailing commas, so it is not JSON. This reader accepts exactly that: objects become {@code Map<String,
 * Object>} (insertion order kept), arrays {@code List<Object>}, numbers {@code Double}, {@code true}/{@code
 * false} {@code Boolean}, {@code null} null, strings {@code String}. Anything else is an
 * IllegalArgumentException naming the position.
 */
final class JsLiteral {
  private final String text;
  private int pos;

  private JsLiteral(String text, int start) {
    this.text = text;
    this.pos = start;
  }

  /** Parses the literal value that starts at {@code start} (leading blanks allowed). */
  static Object parse(String text, int start) {
    return new JsLiteral(text, start).value();
  }

  private Object value() {
    skipBlanks();
    char c = peek();
    if (c == '{') {
      return object();
    }
    if (c == '[') {
      return array();
    }
    if (c == '\'' || c == '"') {
      return string();
    }
    return bareWord();
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++; // '{'
    while (true) {
      skipBlanks();
      if (peek() == '}') {
        pos++;
        return map;
      }
      String key = (peek() == '\'' || peek() == '"') ? string() : identifier();
      skipBlanks();
      expect(':');
      map.put(key, value());
      skipBlanks();
      if (peek() == ',') {
        pos++;
      } else if (peek() != '}') {
        throw error("',' or '}'");
      }
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    pos++; // '['
    while (true) {
      skipBlanks();
      if (peek() == ']') {
        pos++;
        return list;
      }
      list.add(value());
      skipBlanks();
      if (peek() == ',') {
        pos++;
      } else if (peek() != ']') {
        throw error("',' or ']'");
      }
    }
  }

  private String string() {
    char quote = text.charAt(pos++);
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = peek();
      pos++;
      if (c == quote) {
        return sb.toString();
      }
      if (c == '\\') {
        char e = peek();
        pos++;
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'u' -> {
            sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
  }

  private String identifier() {
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_' || text.charAt(pos) == '$')) {
      pos++;
    }
    if (start == pos) {
      throw error("a key");
    }
    return text.substring(start, pos);
  }

  private Object bareWord() {
    int start = pos;
    while (pos < text.length() && "+-.eE_".indexOf(text.charAt(pos)) >= 0
        || pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
      pos++;
    }
    String word = text.substring(start, pos);
    switch (word) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      case "null":
      case "undefined":
        return null;
      default:
        try {
          return Double.valueOf(word);
        } catch (NumberFormatException e) {
          pos = start;
          throw error("a value");
        }
    }
  }

  private void skipBlanks() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("more text");
    }
    return text.charAt(pos);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("'" + c + "'");
    }
    pos++;
  }

  private IllegalArgumentException error(String expected) {
    int from = Math.max(0, pos - 30);
    int to = Math.min(text.length(), pos + 30);
    return new IllegalArgumentException("Cannot read Tablesaw's plot script: expected " + expected
        + " at character " + pos + " near \"" + text.substring(from, to).replace('\n', ' ')
        + "\". The figure may use a Tablesaw feature nn.plot does not know; show it with Tablesaw's Plot.show.");
  }
}
