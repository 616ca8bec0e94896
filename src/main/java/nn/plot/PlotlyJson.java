package nn.plot;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
        layout = asMap(parse(script, brace));
      }
    }
    List<Object> data = new ArrayList<>();
    Trace[] traces = figure.getTraces();
    for (int i = 0; i < traces.length; i++) {
      String script = traces[i].asJavascript(i);
      Map<String, Object> trace = asMap(parse(script, script.indexOf('{')));
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

  /**
   * Tablesaw's {@code asJavascript()} writes object literals, not JSON: keys without quotes, strings in single
   * quotes, trailing commas. Jackson reads them with these features (checked on every script the workbook's
   * charts and lessons produce).
   */
  private static final JsonMapper LENIENT = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_SINGLE_QUOTES,
          JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
          JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS, JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS,
          JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
      .build();

  /** Writes JSON that is safe inside HTML too: {@code <}, {@code >} and {@code &} as unicode escapes. */
  private static final JsonMapper WRITER =
      JsonMapper.builder(new JsonFactoryBuilder().characterEscapes(new HtmlSafe()).build()).build();

  /**
   * The literal value that starts at {@code start} of a Tablesaw script, as maps, lists, Doubles, Strings,
   * Booleans and nulls; an IllegalArgumentException naming the position if it is not one.
   */
  static Object parse(String script, int start) {
    try {
      return doubles(LENIENT.readValue(script.substring(start), Object.class));
    } catch (JsonProcessingException e) {
      long at = start + Math.max(0, e.getLocation() == null ? 0 : e.getLocation().getCharOffset());
      int from = (int) Math.max(0, at - 30);
      int to = (int) Math.min(script.length(), at + 30);
      throw new IllegalArgumentException("Cannot read Tablesaw's plot script: " + e.getOriginalMessage()
          + " at character " + at + " near \"" + script.substring(from, to).replace('\n', ' ')
          + "\". The figure may use a Tablesaw feature nn.plot does not know; show it with Tablesaw's Plot.show.", e);
    }
  }

  /** Every number as a Double, as plotly's numbers are; maps and lists copied, keys in order. */
  private static Object doubles(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), doubles(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object v : list) {
        out.add(doubles(v));
      }
      return out;
    }
    return value instanceof Number n ? (Object) n.doubleValue() : value;
  }

  /** Writes maps, lists, arrays, strings, numbers, booleans and null as JSON text (Jackson). */
  public static String toJson(Object value) {
    try {
      return WRITER.writeValueAsString(jsonReady(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write the chart as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** NaN and infinities become null (JSON has none), whole doubles whole numbers, double[] a list. */
  private static Object jsonReady(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), jsonReady(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object v : list) {
        out.add(jsonReady(v));
      }
      return out;
    }
    if (value instanceof double[] array) {
      List<Object> out = new ArrayList<>(array.length);
      for (double d : array) {
        out.add(jsonReady(d));
      }
      return out;
    }
    if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return null;
      }
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) d.longValue() : d;
    }
    return value == null || value instanceof Number || value instanceof Boolean ? value : String.valueOf(value);
  }

  /** Jackson's standard escapes, plus {@code < > &} as unicode escapes so the JSON can sit inside HTML. */
  private static final class HtmlSafe extends CharacterEscapes {
    private final int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();

    HtmlSafe() {
      escapes['<'] = CharacterEscapes.ESCAPE_CUSTOM;
      escapes['>'] = CharacterEscapes.ESCAPE_CUSTOM;
      escapes['&'] = CharacterEscapes.ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return new SerializedString(String.format("\\u%04x", ch));
    }
  }
}
