package nn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContourTest {
  /** A bowl with its minimum at (1, 2). */
  private static double bowl(double w, double b) {
    return (w - 1) * (w - 1) + 4 * (b - 2) * (b - 2);
  }

  private static Chart chart() {
    return Contour.of("Bowl", "w", "b", ContourTest::bowl, -1, 3, 0, 4,
        new Contour.Path("eta = 0.1", new double[] {-1, 0, 0.5}, new double[] {4, 3, 2.5}),
        new Contour.Path("runs away", new double[] {2, 9}, new double[] {1, 9}));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSurfaceIsSampledOnTheGridAndThePathsAreDrawnOverIt() {
    Map<String, Object> plot = chart().plotly();
    List<Object> data = (List<Object>) plot.get("data");
    assertEquals(3, data.size());
    Map<String, Object> surface = (Map<String, Object>) data.get(0);
    assertEquals("contour", surface.get("type"));
    List<Object> x = (List<Object>) surface.get("x");
    List<Object> y = (List<Object>) surface.get("y");
    List<Object> z = (List<Object>) surface.get("z");
    assertEquals(Contour.GRID, x.size());
    assertEquals(Contour.GRID, y.size());
    assertEquals(Contour.GRID, z.size());
    assertEquals(-1.0, x.get(0));
    assertEquals(3.0, x.get(Contour.GRID - 1));
    // plotly's z has one row per y: z[i][j] = f(x[j], y[i])
    for (int[] ij : new int[][] {{0, 0}, {10, 70}, {40, 20}, {80, 80}}) {
      double expected = bowl((Double) x.get(ij[1]), (Double) y.get(ij[0]));
      assertEquals(expected, (Double) ((List<Object>) z.get(ij[0])).get(ij[1]), 1e-12);
    }
    assertEquals(List.of(0.0, "rgb(68,1,84)"), ((List<Object>) surface.get("colorscale")).get(0));
    Map<String, Object> path = (Map<String, Object>) data.get(1);
    assertEquals("scatter", path.get("type"));
    assertEquals("eta = 0.1", path.get("name"));
    assertEquals(List.of(-1.0, 0.0, 0.5), path.get("x"));
    Map<String, Object> layout = (Map<String, Object>) plot.get("layout");
    assertEquals(List.of(-1.0, 3.0), ((Map<String, Object>) layout.get("xaxis")).get("range"));
    assertEquals(List.of(0.0, 4.0), ((Map<String, Object>) layout.get("yaxis")).get("range"));
    assertEquals("Bowl", chart().title());
  }

  @Test
  void thePictureIsDarkAtTheMinimumBrightFarFromItAndShowsThePath() {
    BufferedImage image = chart().image();
    assertEquals(640, image.getWidth());
    assertEquals(600, image.getHeight());
    // The painter's plot area for a titled 640 x 600 picture: x from 70 to 620, y from 45 to 545.
    int minimumX = 70 + (int) Math.round((1 - -1) / 4.0 * 550);   // w = 1
    int minimumY = 545 - (int) Math.round((2 - 0) / 4.0 * 500);   // b = 2
    assertEquals(new Color(68, 1, 84), new Color(image.getRGB(minimumX, minimumY)), "the lowest band");
    Color corner = new Color(image.getRGB(73, 542)); // near (-1, 0): the highest cost in the window
    assertTrue(corner.getRed() > 200 && corner.getGreen() > 200, "corner " + corner);
    int pathPixels = 0;
    for (int py = 45; py < 545; py++) {
      for (int px = 70; px < 620; px++) {
        if (image.getRGB(px, py) == new Color(214, 39, 40).getRGB()) {
          pathPixels++;
        }
      }
    }
    assertTrue(pathPixels > 100, "the first path is drawn in its own colour: " + pathPixels + " pixels");
  }

  @Test
  void badInputsSayWhatIsWrong() {
    IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
        () -> Contour.of("t", "w", "b", ContourTest::bowl, 3, -1, 0, 4));
    assertEquals("Contour.of needs xFrom < xTo and yFrom < yTo; got x from 3.0 to -1.0, y from 0.0 to 4.0.",
        range.getMessage());
    IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
        () -> new Contour.Path("p", new double[] {1, 2}, new double[] {1}));
    assertEquals("A path needs as many x as y values, at least one; got 2 x and 1 y values.", path.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> Contour.of("t", "w", "b", null, 0, 1, 0, 1));
    assertEquals("Contour.of needs the function to draw, e.g. (w, b) -> cost(w, b); got null.", none.getMessage());
  }
}
