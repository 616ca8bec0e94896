/**
 * Charts and pictures for the workbook's notebooks.
 *
 * <ul>
 *   <li>{@link nn.plot.Plots}: what a notebook calls, e.g. {@code Plots.show(tablesawFigure)},
 *       {@code Plots.confusion(counts)}, {@code Plots.liveTraining(epochs)} (an {@code EpochListener} that
 *       redraws cost and accuracy after every epoch).
 *   <li>{@link nn.plot.Digits}: digits, labelled digit grids and weight images as {@code BufferedImage}.
 *   <li>{@link nn.plot.Chart}: one chart in three forms: plotly JSON (interactive in JupyterLab with the
 *       {@code plotly} Python package, offline, no trust needed), an HTML {@code <img>} of a PNG painted in
 *       Java (static HTML export, viewers without plotly), and a line of text.
 * </ul>
 *
 * <p>Only {@code Notebook} knows about kernels, by reflection, so the jar loads anywhere; with no known
 * kernel every chart falls back to its picture and the live chart to printed lines.
 */
package nn.plot;
