package nn.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Turns a Tablesaw figure into a plotly figure made of plain Java maps and lists:
 * {@code {data: [trace, ...], layout: {...}}}, ready to send as {@code application/vnd.plotly.v1+json}.
 *
 * <p>Why not use Tablesaw's script as it is: tablesaw-jsplot 0.44.4 writes for plotly.js 1.x. Current
 * plotly.js (3.x, the one JupyterLab's plotly renderer ships) ignores {@code title: 'text'} and wants
 * {@code title: {text: 'text'}}, so charts lost their titles. Tablesaw also writes numbers as strings
 * ({@code "0.5"}, {@code "null"}); here they become numbers and nulls, so gaps stay gaps.
 */
public final class PlotlyJson {
  private PlotlyJson() {}

  /** The figure as {@code {data: [...], layout: {...}}}, titles in the {@code {text: ...}} form. */
  public static Map<String, Object> of(Figure figure) {
    if (figure == null) {
      throw new IllegalArgumentException("PlotlyJson.of needs a Tablesaw Figure, got null.");
    }
    Map<String, Object> layout = new LinkedHashMap<>();
    if (figure.getLayout() != null) {
      String script = figure.getLayout().asJavascript();
      int brace = script.indexOf('{');
      if (brace >= 0) {
        layout = asMap(JsLiteral.parse(script, brace));
      }
    }
    List<Object> data = new ArrayList<>();
    Trace[] traces = figure.getTraces();
    for (int i = 0; i < traces.length; i++) {
      String script = traces[i].asJavascript(i);
      Map<String, Object> trace = asMap(JsLiteral.parse(script, script.indexOf('{')));
      for (String key : List.of("x", "y", "z", "opacity")) {
        if (trace.containsKey(key)) {
          trace.put(key, numbersFromStrings(trace.get(key)));
        }
      }
      data.add(trace);
    }
    Map<String, Object> plot = new LinkedHashMap<>();
    plot.put("data", data);
    plot.put("layout", layout);
    return cleaned(plot);
  }

  /**
   * A copy of {@code value} fit for JSON and for plotly.js 3: every {@code title} that is a plain string
   * becomes {@code {text: string}}, and NaN or infinite numbers become null (JSON has no NaN).
   */
  @SuppressWarnings("unchecked")
  static <T> T cleaned(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        Object v = e.getValue();
        if (key.equals("title") && v instanceof String s) {
          Map<String, Object> title = new LinkedHashMap<>();
          title.put("text", s);
          v = title;
        }
        out.put(key, cleaned(v));
      }
      return (T) out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object v : list) {
        out.add(cleaned(v));
      }
      return (T) out;
    }
    if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return null;
    }
    return value;
  }

  /** Numbers written as strings become Doubles ("null", "NaN" and "" become null) if all of them are numbers. */
  private static Object numbersFromStrings(Object value) {
    if (value instanceof String s) {
      Object n = number(s);
      return n == NOT_A_NUMBER ? s : n;
    }
    if (!(value instanceof List<?> list)) {
      return value;
    }
    List<Object> out = new ArrayList<>(list.size());
    for (Object v : list) {
      if (v instanceof List<?>) {
        out.add(numbersFromStrings(v));
      } else if (v instanceof String s) {
        Object n = number(s);
        if (n == NOT_A_NUMBER) {
          return list; // category labels: keep them as written
        }
        out.add(n);
      } else {
        out.add(v);
      }
    }
    return out;
  }

  private static final Object NOT_A_NUMBER = new Object();

  private static Object number(String s) {
    String t = s.trim();
    if (t.isEmpty() || t.equals("null") || t.equals("NaN")) {
      return null;
    }
    try {
      return Double.valueOf(t);
    } catch (NumberFormatException e) {
      return NOT_A_NUMBER;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object parsed) {
    if (!(parsed instanceof Map)) {
      throw new IllegalArgumentException("Tablesaw's plot script did not start with an object literal.");
    }
    return (Map<String, Object>) parsed;
  }

  /** Writes maps, lists, arrays, strings, numbers, booleans and null as JSON text. */
  public static String toJson(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  private static void write(Object value, StringBuilder sb) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof Map<?, ?> map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        writeString(String.valueOf(e.getKey()), sb);
        sb.append(':');
        write(e.getValue(), sb);
      }
      sb.append('}');
    } else if (value instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(list.get(i), sb);
      }
      sb.append(']');
    } else if (value instanceof double[] array) {
      List<Object> boxed = new ArrayList<>();
      for (double d : array) {
        boxed.add(d);
      }
      write(boxed, sb);
    } else if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        sb.append("null");
      } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        sb.append(d.longValue());
      } else {
        sb.append(d);
      }
    } else if (value instanceof Number || value instanceof Boolean) {
      sb.append(value);
    } else {
      writeString(String.valueOf(value), sb);
    }
  }

  private static void writeString(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            sb.append(String.format("\\u%04x", (int) c)); // safe inside HTML too
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
