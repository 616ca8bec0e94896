package nn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reflective registration against a real kernel display API (IJava's jupyter-jvm-basekernel 2.3.0;
 * JJava's is the same API under org.dflib.jjava and is checked in the browser by tools/browser_check.py).
 */
class KernelRendererTest {
  @Test
  void registeredRendererPutsTheWholeBundle() {
    Renderer renderer = new Renderer();
    assertTrue(Notebook.register(renderer));
    Chart chart = Charts.histogram(new double[] {1, 2, 2, 3}, "Activations", "activation");
    DisplayData data = renderer.render(chart);
    Object plotly = data.getData(MIMEType.parse("application/vnd.plotly.v1+json"));
    assertInstanceOf(Map.class, plotly, "must be sent as a JSON object, not a string");
    assertEquals(chart.plotly(), plotly);
    assertTrue(((String) data.getData(MIMEType.parse("text/html"))).startsWith("<img src=\"data:image/png"));
    assertEquals(chart.toString(), data.getData(MIMEType.TEXT_PLAIN));
  }

  @Test
  void otherObjectsAreLeftToTheKernel() {
    Renderer renderer = new Renderer();
    Notebook.register(renderer);
    DisplayData data = renderer.render("just text");
    assertFalse(data.hasDataForType(MIMEType.parse("application/vnd.plotly.v1+json")));
  }

  @Test
  void somethingThatIsNotARendererIsRefusedQuietly() {
    assertFalse(Notebook.register("not a renderer"));
  }
}
