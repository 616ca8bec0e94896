package nn.plot;

import java.awt.Color;

/** The colour maps of the workbook's pictures. */
final class Colors {
  private Colors() {}

  /**
   * Blue for negative, white for zero, red for positive; {@code t} in [-1, 1] (clamped). Used for weights,
   * where the sign matters as much as the size.
   */
  static Color diverging(double t) {
    double v = Double.isNaN(t) ? 0 : Math.max(-1, Math.min(1, t));
    int fade = (int) Math.round(255 * (1 - Math.abs(v)));
    return v >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
  }

  /** From pale yellow (0) through green to dark blue (1); {@code f} in [0, 1] (clamped). For counts. */
  static Color sequential(double f) {
    return interpolate(new int[][] {{255, 255, 217}, {127, 205, 187}, {29, 145, 192}, {8, 29, 88}}, f);
  }

  /** Viridis, dark purple (0) through teal to yellow (1): plotly's stops, for a cost surface (low is dark). */
  static final int[][] VIRIDIS = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};

  /** {@link #VIRIDIS} at {@code f} in [0, 1] (clamped). */
  static Color viridis(double f) {
    return interpolate(VIRIDIS, f);
  }

  private static Color interpolate(int[][] stops, double f) {
    double v = Double.isNaN(f) ? 0 : Math.max(0, Math.min(1, f));
    double scaled = v * (stops.length - 1);
    int i = Math.min(stops.length - 2, (int) scaled);
    double w = scaled - i;
    return new Color(
        (int) Math.round(stops[i][0] * (1 - w) + stops[i + 1][0] * w),
        (int) Math.round(stops[i][1] * (1 - w) + stops[i + 1][1] * w),
        (int) Math.round(stops[i][2] * (1 - w) + stops[i + 1][2] * w));
  }
}
