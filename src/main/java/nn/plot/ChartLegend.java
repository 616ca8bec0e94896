package nn.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.List;

/** The legend of a {@link ChartPanel}: one line per named trace, in the corner with the fewest points under it. */
final class ChartLegend {
  private ChartLegend() {}

  static void draw(ChartPanel panel, List<String[]> legend) {
    Graphics2D g = panel.g;
    if (legend.isEmpty()) {
      return;
    }
    g.setFont(ChartPainter.TICK);
    FontMetrics fm = g.getFontMetrics();
    int w = 0;
    for (String[] e : legend) {
      w = Math.max(w, fm.stringWidth(e[0]));
    }
    int boxW = w + 34;
    int boxH = legend.size() * 16 + 4;
    // Put the legend in the corner with the fewest data points under it.
    int[][] corners = {
      {panel.right - boxW - 2, panel.top + 8}, {panel.left + 8, panel.top + 8},
      {panel.right - boxW - 2, panel.bottom - boxH - 4}, {panel.left + 8, panel.bottom - boxH - 4}};
    int x = corners[0][0];
    int y = corners[0][1];
    int fewest = Integer.MAX_VALUE;
    for (int[] corner : corners) {
      int under = 0;
      for (int[] p : panel.drawnPoints) {
        if (p[0] >= corner[0] - 10 && p[0] <= corner[0] + boxW + 10 && p[1] >= corner[1] - 10
            && p[1] <= corner[1] + boxH + 10) {
          under++;
        }
      }
      if (under < fewest) {
        fewest = under;
        x = corner[0] + 4;
        y = corner[1] + 2;
      }
    }
    g.setColor(new Color(255, 255, 255, 220));
    g.fillRect(x - 4, y - 2, w + 34, legend.size() * 16 + 4);
    for (String[] e : legend) {
      g.setColor(new Color(Integer.parseInt(e[1]))); // e[1] is the trace's colour, as RGB
      g.fillRect(x, y + 6, 20, 3);
      g.setColor(Color.DARK_GRAY);
      g.drawString(e[0], x + 26, y + 12);
      y += 16;
    }
  }
}
