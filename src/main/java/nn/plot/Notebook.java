package nn.plot;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * The only place that knows about Jupyter kernels, and only by reflection: the jar loads and works in
 * plain Java, in tests, and in any kernel; kernel classes are looked up by name at run time.
 *
 * <p>What it does on JJava ({@code org.dflib.jjava...}) and IJava ({@code io.github.spencerpark...}): it
 * registers with the kernel's renderer a function that turns a {@link Chart} into its whole MIME bundle
 * (plotly JSON as a JSON object, PNG, plain text), so that the notebook's own {@code display(chart)},
 * {@code updateDisplay(id, chart)} and a chart left as a cell's value all show the interactive chart. It
 * also calls the kernel's {@code display}/{@code updateDisplay} for {@link LiveChart}, which redraws itself
 * during training.
 *
 * <p>Measured on JJava 1.0a8: {@code display(x)} does not unpack a {@code DisplayData} (it shows its
 * {@code toString()}), and a JSON MIME value given as a String is sent as a quoted JSON string, which the
 * plotly renderer cannot read; a {@code Map} is sent as a JSON object. Hence the registered renderer and
 * the Map-based {@link PlotlyJson}.
 *
 * <p>On an unknown kernel or outside Jupyter every method here quietly reports "not available"; callers
 * then fall back to a plain picture or text. Nothing here throws.
 */
final class Notebook {
  /** Static methods that return the running kernel, newest kernels first. */
  private static final String[][] KERNEL_GETTERS = {
    {"org.dflib.jjava.kernel.JavaNotebookStatics", "kernel"},
    {"org.dflib.jjava.JJava", "getKernelInstance"},
    {"io.github.spencerpark.ijava.runtime.Kernel", "getKernelInstance"},
    {"io.github.spencerpark.ijava.IJava", "getKernelInstance"},
  };
  /** Classes with the notebook's static {@code display(Object)} and {@code updateDisplay(String, Object)}. */
  private static final String[] DISPLAY_CLASSES = {
    "org.dflib.jjava.jupyter.kernel.BaseNotebookStatics",
    "org.dflib.jjava.runtime.Display",
    "io.github.spencerpark.ijava.runtime.Display",
  };

  private static Object registeredWith;
  private static boolean registered;

  private Notebook() {}

  /**
   * Makes sure the running kernel's renderer knows {@link Chart}. Returns true when a kernel is present
   * and the renderer was registered (now or before), false otherwise.
   */
  static synchronized boolean prepare() {
    try {
      Object renderer = renderer();
      if (renderer == null) {
        return false;
      }
      if (registered && renderer == registeredWith) {
        return true;
      }
      registered = register(renderer);
      registeredWith = renderer;
      return registered;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * Registers the chart renderer with {@code renderer}, a JJava or IJava {@code Renderer} (same API:
   * {@code createRegistration(Class).supporting(String...).preferring(String...).register(fn)}).
   */
  static boolean register(Object renderer) {
    try {
      Object registration = renderer.getClass().getMethod("createRegistration", Class.class)
          .invoke(renderer, Chart.class);
      String[] types = Chart.MIME_TYPES.toArray(new String[0]);
      registration = registration.getClass().getMethod("supporting", String[].class)
          .invoke(registration, (Object) types);
      registration = registration.getClass().getMethod("preferring", String[].class)
          .invoke(registration, (Object) types);
      Method register = null;
      for (Method m : registration.getClass().getMethods()) {
        if (m.getName().equals("register") && m.getParameterCount() == 1) {
          register = m;
        }
      }
      if (register == null) {
        return false;
      }
      Class<?> functionType = register.getParameterTypes()[0];
      Object function = Proxy.newProxyInstance(functionType.getClassLoader(), new Class<?>[] {functionType},
          new ChartRenderFunction());
      register.invoke(registration, function);
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** Shows {@code value} in a new output and returns its display id, or null if there is no kernel. */
  static String display(Object value) {
    Method m = method("display", Object.class);
    try {
      return m == null ? null : (String) m.invoke(null, value);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Replaces the output {@code id} by {@code value}; false if there is no kernel. */
  static boolean update(String id, Object value) {
    Method m = method("updateDisplay", String.class, Object.class);
    try {
      if (m == null || id == null) {
        return false;
      }
      m.invoke(null, id, value);
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  private static Object renderer() {
    for (String[] getter : KERNEL_GETTERS) {
      Class<?> type = find(getter[0]);
      if (type == null) {
        continue;
      }
      try {
        Object kernel = type.getMethod(getter[1]).invoke(null);
        if (kernel == null) {
          continue;
        }
        for (String name : new String[] {"getRenderer", "renderer"}) {
          try {
            Object renderer = kernel.getClass().getMethod(name).invoke(kernel);
            if (renderer != null) {
              return renderer;
            }
          } catch (NoSuchMethodException e) {
            // try the other name
          }
        }
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        // not this kernel
      }
    }
    return null;
  }

  private static Method method(String name, Class<?>... parameters) {
    if (renderer() == null) {
      return null; // classes may be on the classpath without a running kernel (tests)
    }
    for (String className : DISPLAY_CLASSES) {
      Class<?> type = find(className);
      if (type != null) {
        try {
          return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
          // try the next kernel
        }
      }
    }
    return null;
  }

  private static Class<?> find(String name) {
    ClassLoader[] loaders = {Notebook.class.getClassLoader(), Thread.currentThread().getContextClassLoader()};
    for (ClassLoader loader : loaders) {
      if (loader == null) {
        continue;
      }
      try {
        return Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        // not here
      }
    }
    return null;
  }

  /** The kernel calls {@code render(chart, context)}; we put every MIME type of the chart into the output. */
  private static final class ChartRenderFunction implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "render":
          Chart chart = (Chart) args[0];
          Object context = args[1];
          Object output = context.getClass().getMethod("getOutputContainer").invoke(context);
          Method putData = output.getClass().getMethod("putData", String.class, Object.class);
          for (Map.Entry<String, Object> e : chart.mimeBundle().entrySet()) {
            putData.invoke(output, e.getKey(), e.getValue());
          }
          return null;
        case "hashCode":
          return System.identityHashCode(proxy);
        case "equals":
          return proxy == args[0];
        case "toString":
          return "nn.plot chart renderer";
        default:
          return null;
      }
    }
  }
}
