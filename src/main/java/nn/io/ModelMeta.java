package nn.io;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Init;
import nn.model.Model;
import nn.model.Output;
import static nn.io.ModelFile.fail;
import static nn.io.ModelFile.FIX_RESAVE;
import static nn.io.ModelFile.FORMAT_NAME;
import static nn.io.ModelFile.FORMAT_VERSION;

/**
 * The metadata of a model file, {@code meta.npy}: a JSON object naming the format and the network's choices,
 * written and read by Jackson. Reading is bounded ({@link #LIMITS}): a file is a stranger's input, and metadata
 * nested 20,000 deep or a string of a gigabyte must end in a {@link ModelFormatException}, not a
 * {@code StackOverflowError} or {@code OutOfMemoryError}.
 */
final class ModelMeta {
  /** The metadata is a flat object of about 150 characters; these bounds leave room and stop anything hostile. */
  static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
      .maxNestingDepth(16)
      .maxStringLength(10_000)
      .maxNumberLength(100)
      .maxDocumentLength(1_000_000)
      .build();
  private static final JsonMapper JSON =
      JsonMapper.builder(new JsonFactoryBuilder().streamReadConstraints(LIMITS).build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.USE_LONG_FOR_INTS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private ModelMeta() {}

  /** The metadata of {@code net} as the JSON text stored in {@code meta.npy}. */
  static String json(Model net) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("format", FORMAT_NAME);
    meta.put("format_version", FORMAT_VERSION);
    meta.put("hidden", net.hidden().name());
    meta.put("output", net.output().name());
    meta.put("cost", net.cost().name());
    meta.put("init", net.init().name());
    meta.put("seed", net.seed());
    try {
      return JSON.writer(new PythonStyle()).writeValueAsString(meta);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a model's metadata as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The metadata fields a loader needs. */
  record Meta(Activation hidden, Output output, Cost cost, Init init, long seed) {}

  static Meta read(Path file, Map<String, byte[]> entries) {
    Npy.Array a = ModelReader.array(file, entries, "meta");
    if (a.itemSize() < 0 || !a.descr().startsWith("<U") || a.shape().length != 0) {
      String numpy = a.descr().equals("|O") ? "; nothing pickled is read (like np.load's allow_pickle=False)"
          : "";
      throw fail(file, "entry meta.npy must be a unicode string scalar (dtype '<U…', shape ()) but has dtype '"
          + a.descr() + "' and shape " + a.shapeText() + numpy, FIX_RESAVE + "; from NumPy, store the JSON text "
          + "as a str: meta=np.array(json.dumps({...}))");
    }
    ModelReader.checkLength(file, "meta", a);
    String text;
    Map<String, Object> json;
    try {
      text = Npy.toText(a);
    } catch (Npy.BadArray e) {
      throw fail(file, "entry meta.npy is not a readable string: " + e.getMessage(), FIX_RESAVE);
    }
    Object parsed;
    try {
      parsed = JSON.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      String why = e.getOriginalMessage().split("\n| \\(start marker", 2)[0];
      String at = e.getLocation() == null ? "" : " at character " + e.getLocation().getCharOffset();
      throw fail(file, "entry meta.npy is not a JSON object (" + why + at + "): " + abbreviate(text), FIX_RESAVE);
    }
    if (!(parsed instanceof Map<?, ?> object)) {
      throw fail(file, "entry meta.npy is not a JSON object (it is " + (parsed == null ? "null" : parsed instanceof List
          ? "an array" : "a single value") + "): " + abbreviate(text), FIX_RESAVE);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) object;
    json = fields;
    Object version = json.get("format_version");
    if (!(version instanceof Long)) {
      throw fail(file, "meta.npy has no whole-number \"format_version\" (found " + describe(version) + ")",
          FIX_RESAVE);
    }
    long v = (Long) version;
    if (v > FORMAT_VERSION) {
      throw fail(file, "it is model format version " + v + ", but this nn-workbook reads only format version "
          + FORMAT_VERSION, "load it with a newer nn-workbook (rebuild target/nn-workbook.jar from a newer "
          + "checkout), or save the model again with this one");
    }
    if (v < 1) {
      throw fail(file, "meta.npy has format_version " + v + ", but versions start at 1", FIX_RESAVE);
    }
    return new Meta(choice(file, json, "hidden", Activation.class), choice(file, json, "output", Output.class),
        choice(file, json, "cost", Cost.class), choice(file, json, "init", Init.class), seed(file, json));
  }

  private static <E extends Enum<E>> E choice(Path file, Map<String, Object> json, String key, Class<E> type) {
    Object value = json.get(key);
    String allowed = Arrays.toString(type.getEnumConstants());
    if (value instanceof String) {
      String name = ((String) value).strip().toUpperCase(Locale.ROOT).replace('-', '_');
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(name)) {
          return e;
        }
      }
    }
    throw fail(file, "meta.npy field \"" + key + "\" must be one of " + allowed + " but is " + describe(value),
        FIX_RESAVE);
  }

  private static long seed(Path file, Map<String, Object> json) {
    Object value = json.get("seed");
    if (!(value instanceof Long)) {
      throw fail(file, "meta.npy field \"seed\" must be a whole number but is " + describe(value), FIX_RESAVE);
    }
    return (Long) value;
  }

  private static String describe(Object value) {
    return value == null ? "nothing" : value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  /** One line, spaced like Python's {@code json.dumps}: {@code {"format": "nn-workbook model", ...}}. */
  private static final class PythonStyle extends MinimalPrettyPrinter {
    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }
  }
}
