package nn.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for a model file's metadata: writing a flat object of strings and whole numbers, and
 * reading any JSON text into maps, lists, strings, numbers ({@code Long} or {@code Double}), booleans and null.
 * (The workbook has no JSON library, and the metadata is a handful of fields.)
 */
final class Json {
  /** Deeper nesting than this is refused: the metadata is flat, and recursion must not overflow the stack. */
  static final int MAX_DEPTH = 64;
  private final String text;
  private int at;
  private int depth;

  private Json(String text) {
    this.text = text;
  }

  /** Writes {@code fields} as one JSON object; values are Strings or whole numbers. */
  static String write(Map<String, Object> fields) {
    StringBuilder s = new StringBuilder("{");
    for (Map.Entry<String, Object> f : fields.entrySet()) {
      if (s.length() > 1) {
        s.append(", ");
      }
      s.append(quote(f.getKey())).append(": ");
      Object v = f.getValue();
      s.append(v instanceof String ? quote((String) v) : String.valueOf(v));
    }
    return s.append("}").toString();
  }

  private static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        q.append('\\').append(c);
      } else if (c < 0x20) {
        q.append(String.format("\\u%04x", (int) c));
      } else {
        q.append(c);
      }
    }
    return q.append('"').toString();
  }

  /** Parses a JSON text whose top level is an object; throws IllegalArgumentException saying where it fails. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> readObject(String text) {
    Json p = new Json(text);
    p.space();
    if (p.peek() != '{') {
      throw p.error("expected a JSON object starting with {");
    }
    Object value = p.value();
    p.space();
    if (p.at != text.length()) {
      throw p.error("unexpected text after the object");
    }
    return (Map<String, Object>) value;
  }

  private Object value() {
    space();
    char c = peek();
    if (c == '{' || c == '[') {
      if (++depth > MAX_DEPTH) {
        throw error("nested deeper than " + MAX_DEPTH + " levels");
      }
      Object nested = c == '{' ? object() : array();
      depth--;
      return nested;
    }
    if (c == '"') {
      return string();
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    for (String word : new String[] {"true", "false", "null"}) {
      if (text.startsWith(word, at)) {
        at += word.length();
        return word.equals("null") ? null : Boolean.valueOf(word);
      }
    }
    throw error("expected a value");
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    at++; // {
    space();
    if (peek() == '}') {
      at++;
      return map;
    }
    while (true) {
      space();
      if (peek() != '"') {
        throw error("expected a \"key\"");
      }
      String key = string();
      space();
      expect(':');
      map.put(key, value());
      space();
      if (peek() == ',') {
        at++;
      } else {
        expect('}');
        return map;
      }
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    at++; // [
    space();
    if (peek() == ']') {
      at++;
      return list;
    }
    while (true) {
      list.add(value());
      space();
      if (peek() == ',') {
        at++;
      } else {
        expect(']');
        return list;
      }
    }
  }

  private String string() {
    at++; // opening quote
    StringBuilder s = new StringBuilder();
    while (true) {
      if (at >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(at++);
      if (c == '"') {
        return s.toString();
      }
      if (c != '\\') {
        s.append(c);
        continue;
      }
      if (at >= text.length()) {
        throw error("unterminated string");
      }
      char e = text.charAt(at++);
      switch (e) {
        case 'n': s.append('\n'); break;
        case 't': s.append('\t'); break;
        case 'r': s.append('\r'); break;
        case 'b': s.append('\b'); break;
        case 'f': s.append('\f'); break;
        case 'u':
          if (at + 4 > text.length()) {
            throw error("incomplete \\u escape");
          }
          try {
            s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          } catch (NumberFormatException x) {
            throw error("bad \\u escape");
          }
          at += 4;
          break;
        default: s.append(e); // \" \\ \/
      }
    }
  }

  private Object number() {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    String n = text.substring(start, at);
    try {
      return n.matches("-?[0-9]+") ? (Object) Long.valueOf(n) : (Object) Double.valueOf(n);
    } catch (NumberFormatException e) {
      at = start;
      throw error("bad number " + n);
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    at++;
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void space() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at character " + at);
  }
}
