#!/usr/bin/env python3
"""Builds a static site of the workbook in target/site/ (works offline, open target/site/index.html):

  notebooks/*.html  the executed notebooks (from target/notebooks-executed/, written by
                    tools/run_notebooks.py), converted like `jupyter nbconvert --to html`
  docs/*.html       the maths notes docs/*.md rendered from Markdown; LaTeX ($...$, $$...$$) is kept
                    as its source text, untouched by the Markdown renderer
  index.html        links to everything

Links between pages (`01-x.ipynb`, `../docs/01-x.md`) are rewritten to the .html pages.
Usage: tools/build_site.py   (make html runs the notebooks first, then this)
"""
import html
import re
import sys
from pathlib import Path

import markdown
import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
EXECUTED = ROOT / "target" / "notebooks-executed"
SITE = ROOT / "target" / "site"

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #222; }
code, pre, .math { font-family: ui-monospace, monospace; }
pre { background: #f6f6f6; padding: .75rem; overflow-x: auto; }
.math { background: #f3f6fb; padding: 0 .2em; }
div.math { display: block; padding: .5rem; margin: .75rem 0; white-space: pre-wrap; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .25rem .5rem; }
"""

# Relative links to notebooks or notes, with an optional #anchor: rewritten to the .html pages.
LOCAL_LINK = re.compile(r'(href=")(?![a-z]+:|/|#)([^"#]*?)\.(ipynb|md)((?:#[^"]*)?")')
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$(?!\$)")


def rewrite_links(text):
    return LOCAL_LINK.sub(lambda m: f"{m.group(1)}{m.group(2)}.html{m.group(4)}", text)


def page(title, body, up):
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>\n"
            f'<p><a href="{up}index.html">&larr; nn-workbook</a></p>\n{body}\n</body></html>\n')


def render_markdown(text):
    """Markdown to HTML with the LaTeX kept verbatim: maths is swapped out for placeholders before
    rendering (so `_` and `*` inside it are not read as emphasis) and put back escaped afterwards."""
    maths = []

    def stash(kind):
        def repl(m):
            maths.append((kind, m.group(0)))
            return f"@@MATH{len(maths) - 1}@@"
        return repl

    text = DISPLAY_MATH.sub(stash("div"), text)
    text = INLINE_MATH.sub(stash("span"), text)
    body = markdown.markdown(text, extensions=["tables", "fenced_code", "toc", "sane_lists"])

    def unstash(m):
        kind, source = maths[int(m.group(1))]
        return f'<{kind} class="math">{html.escape(source)}</{kind}>'

    body = re.sub(r"<p>@@MATH(\d+)@@</p>", unstash, body)  # a display formula alone in a paragraph
    return re.sub(r"@@MATH(\d+)@@", unstash, body)


def title_of_markdown(text, fallback):
    m = re.search(r"^#\s+(.+)$", text, re.MULTILINE)
    return m.group(1).strip() if m else fallback


def title_of_notebook(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            return title_of_markdown(cell.source, fallback)
    return fallback


def main():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    missing = [p.name for p in notebooks if not (EXECUTED / p.name).is_file()]
    if missing:
        print(f"Not executed yet: {', '.join(missing)}. Run tools/run_notebooks.py first (make html does).")
        return 1

    (SITE / "notebooks").mkdir(parents=True, exist_ok=True)
    (SITE / "docs").mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name="lab")
    nb_links = []
    for src in notebooks:
        nb = nbformat.read(EXECUTED / src.name, as_version=4)
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": src.stem}})
        out = SITE / "notebooks" / (src.stem + ".html")
        out.write_text(rewrite_links(body), encoding="utf-8")
        nb_links.append((f"notebooks/{out.name}", title_of_notebook(nb, src.stem), src.name))

    doc_links = []
    for src in sorted((ROOT / "docs").glob("*.md")):
        text = src.read_text(encoding="utf-8")
        title = title_of_markdown(text, src.stem)
        out = SITE / "docs" / (src.stem + ".html")
        out.write_text(page(title, rewrite_links(render_markdown(text)), "../"), encoding="utf-8")
        doc_links.append((f"docs/{out.name}", title, f"docs/{src.name}"))

    def listing(links):
        if not links:
            return "<p>(none yet)</p>"
        items = "".join(f'<li><a href="{href}">{html.escape(t)}</a> <small>({html.escape(n)})</small></li>'
                        for href, t, n in links)
        return f"<ul>{items}</ul>"

    index = ("<h1>nn-workbook</h1>\n<p>Neural networks from scratch in Java: the notebooks as executed by "
             "<code>make html</code>, and the maths notes.</p>\n"
             f"<h2>Notebooks</h2>\n{listing(nb_links)}\n<h2>Maths notes</h2>\n{listing(doc_links)}\n")
    (SITE / "index.html").write_text(page("nn-workbook", index, ""), encoding="utf-8")
    print(f"Site: {SITE.relative_to(ROOT)}/index.html  "
          f"({len(nb_links)} notebook(s), {len(doc_links)} note(s))")
    return 0


if __name__ == "__main__":
    sys.exit(main())
