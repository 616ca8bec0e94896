package nn.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Init;
import nn.model.Model;
import nn.model.Output;

/** The metadata of a model file, {@code meta.npy}: a JSON object naming the format and the network's choices. */
final class ModelMeta {
  private ModelMeta() {}

  /** The metadata of {@code net} as the JSON text stored in {@code meta.npy}. */
  static String json(Model net) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("format", ModelFile.FORMAT_NAME);
    meta.put("format_version", ModelFile.FORMAT_VERSION);
    meta.put("hidden", net.hidden().name());
    meta.put("output", net.output().name());
    meta.put("cost", net.cost().name());
    meta.put("init", net.init().name());
    meta.put("seed", net.seed());
    return Json.write(meta);
  }

  /** The metadata fields a loader needs. */
  record Meta(Activation hidden, Output output, Cost cost, Init init, long seed) {}

  static Meta read(Path file, Map<String, byte[]> entries) {
    Npy.Array a = ModelReader.array(file, entries, "meta");
    if (a.itemSize() < 0 || !a.descr().startsWith("<U") || a.shape().length != 0) {
      throw ModelFile.fail(file, "entry meta.npy must be a unicode string scalar (dtype '<U…', shape ()) but has dtype '"
          + a.descr() + "' and shape " + a.shapeText(), ModelFile.FIX_RESAVE);
    }
    ModelReader.checkLength(file, "meta", a);
    String text;
    Map<String, Object> json;
    try {
      text = Npy.toText(a);
    } catch (Npy.BadArray e) {
      throw ModelFile.fail(file, "entry meta.npy is not a readable string: " + e.getMessage(), ModelFile.FIX_RESAVE);
    }
    try {
      json = Json.readObject(text);
    } catch (IllegalArgumentException e) {
      throw ModelFile.fail(file, "entry meta.npy is not a JSON object (" + e.getMessage() + "): " + abbreviate(text),
          ModelFile.FIX_RESAVE);
    }
    Object version = json.get("format_version");
    if (!(version instanceof Long)) {
      throw ModelFile.fail(file, "meta.npy has no whole-number \"format_version\" (found " + describe(version) + ")",
          ModelFile.FIX_RESAVE);
    }
    long v = (Long) version;
    if (v > ModelFile.FORMAT_VERSION) {
      throw ModelFile.fail(file, "it is model format version " + v + ", but this nn-workbook reads only format version "
          + ModelFile.FORMAT_VERSION, "load it with a newer nn-workbook (rebuild target/nn-workbook.jar from a newer "
          + "checkout), or save the model again with this one");
    }
    if (v < 1) {
      throw ModelFile.fail(file, "meta.npy has format_version " + v + ", but versions start at 1", ModelFile.FIX_RESAVE);
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
    throw ModelFile.fail(file, "meta.npy field \"" + key + "\" must be one of " + allowed + " but is " + describe(value),
        ModelFile.FIX_RESAVE);
  }

  private static long seed(Path file, Map<String, Object> json) {
    Object value = json.get("seed");
    if (!(value instanceof Long)) {
      throw ModelFile.fail(file, "meta.npy field \"seed\" must be a whole number but is " + describe(value), ModelFile.FIX_RESAVE);
    }
    return (Long) value;
  }

  private static String describe(Object value) {
    return value == null ? "nothing" : value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
