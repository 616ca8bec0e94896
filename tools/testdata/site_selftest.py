#!/usr/bin/env python3
"""Self-test of tools/build_site.py without building the site: the maths protection of the notes'
Markdown, the remote-reference check, and the offline notebook template (nbconvert's default lab template
must be caught, ours must pass). Run: .venv/bin/python tools/testdata/site_selftest.py (make test runs it)."""
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import build_site  # noqa: E402  (tools/ is not a package)

passed, failed = 0, []


def check(ok, what):
    global passed
    if ok:
        passed += 1
    else:
        failed.append(what)
        print("FAIL " + what)


def md(text):
    return build_site.render_markdown(text)


# --- Maths in the notes survives Markdown -----------------------------------------------------------
out = md("Weight $w_{jk}^l$ and bias $b_j^l$, *really* weights.")
check('<span class="math">$w_{jk}^l$</span>' in out, "underscores in inline maths are not emphasis: " + out)
check('<span class="math">$b_j^l$</span>' in out, "second inline formula on the line kept: " + out)
check("<em>really</em>" in out, "emphasis outside maths still works: " + out)

out = md("Products $a*b*c$ and $x^*$ stay.")
check("$a*b*c$" in out and "$x^*$" in out and "<em>" not in out, "asterisks in maths kept: " + out)

out = md("Set braces $\\{a \\mid a > 0\\}$ and $a < b$.")
check("$\\{a \\mid a &gt; 0\\}$" in out, "backslash escapes in maths are not eaten by Markdown: " + out)
check("$a &lt; b$" in out, "< in maths is HTML-escaped (the browser gives MathJax a <): " + out)

out = md("The cost:\n\n$$\nC = \\frac{1}{2} \\sum_j (a_j - y_j)^2\n$$\n\nand more.")
check('<div class="math math-display">$$\nC = \\frac{1}{2} \\sum_j (a_j - y_j)^2\n$$</div>' in out,
      "a display formula alone in its paragraph becomes a div, verbatim: " + out)
check("<p><div" not in out, "the display div is not wrapped in <p>: " + out)

out = md("Inline display $$a_1 + a_2$$ in a sentence.")
check('<span class="math math-display">$$a_1 + a_2$$</span>' in out, "display maths inside a paragraph: " + out)

out = md("Before.\n\n$x_1 + x_2$\n\nAfter.")
check('<p><span class="math">$x_1 + x_2$</span></p>' in out, "inline maths alone in a paragraph stays a paragraph: " + out)

out = md("It costs \\$5 or \\$6 today.")
check('class="math"' not in out, "escaped dollars are not maths: " + out)

out = md("Code `a_$x$_b` and\n\n```java\ndouble c = $x_1$;\n```\n\nthen $y_1$.")
check(out.count('class="math"') == 1 and '<span class="math">$y_1$</span>' in out,
      "dollars inside inline code and fenced code are left alone: " + out)
check("<code>a_$x$_b</code>" in out and "double c = $x_1$;" in out, "code text unchanged: " + out)

# --- The remote-reference check ---------------------------------------------------------------------
REMOTE = [
    '<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js"></script>',
    "<script defer src='http://example.org/x.js'></script>",
    '<link rel="stylesheet" href="//cdn.example.org/x.css">',
    '<link href="https://fonts.example.org/css?family=X" rel="stylesheet">',
    '<style>@import url("https://fonts.example.org/x.css");</style>',
    "<style>@font-face { src: url(https://fonts.example.org/x.woff2); }</style>",
    '<script type="module">const m = (await import("https://cdn.example.org/mermaid.mjs")).default;</script>',
    '<img src="https://example.org/chart.png">',
]
LOCAL = [
    '<script defer src="../mathjax/tex-svg-full.js"></script>',
    '<a href="https://jblas.org">jblas</a>',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="chart">',
    "<style>.x { background: url(data:image/svg+xml;base64,PHN2Zz4=); }</style>",
    '<link rel="stylesheet" href="style.css">',
    "<p>See https://example.org/ for more.</p>",
]
for snippet in REMOTE:
    check(build_site.remote_references(snippet) != [], "remote reference caught: " + snippet)
for snippet in LOCAL:
    check(build_site.remote_references(snippet) == [], "local or harmless reference passes: " + snippet)

# --- nbconvert: the default template is caught, the offline template passes ------------------------
printed = nbformat.v4.new_code_cell("System.out.printf(...);")
printed.outputs = [nbformat.v4.new_output("stream", name="stdout", text=t)
                   for t in ["quadratic by hand ", "0.236997", "\n"]]
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T\n\nMaths $w_{jk}^l$."), printed])
nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java", "language": "java"}
default_html, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
check(any("require" in r for r in build_site.remote_references(default_html)),
      "nbconvert's default lab page (CDN require.js and MathJax) is caught")
offline_html, _ = build_site.notebook_exporter().from_notebook_node(
    nb, resources={"metadata": {"name": "t"}, "site_mathjax": build_site.mathjax_head("../")})
check(build_site.remote_references(offline_html) == [],
      f"the offline template refers to nothing remote: {build_site.remote_references(offline_html)}")
check('src="../mathjax/tex-svg-full.js"' in offline_html and "window.MathJax" in offline_html,
      "the offline template loads the site's own MathJax with its configuration")
check("require.min.js" not in offline_html and "mermaid" not in offline_html,
      "no require.js and no Mermaid loader in the offline template")
check("$w_{jk}^l$" in offline_html, "notebook maths reaches the page as TeX for MathJax")
check("quadratic by hand 0.236997" in offline_html,
      "printed chunks of one cell are merged into one line, as JupyterLab shows them")

print(f"site: {passed} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
