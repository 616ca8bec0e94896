#!/usr/bin/env python3
"""Builds a static site of the workbook in target/site/ (works offline, open target/site/index.html):

  notebooks/*.html  the executed notebooks (from target/notebooks-executed/, written by
                    tools/run_notebooks.py), converted like `jupyter nbconvert --to html`
  docs/img/         the pictures the notes show (copied from docs/img/)
  docs/*.html       the maths notes docs/*.md rendered from Markdown; LaTeX ($...$, $$...$$) is kept
                    as its source text, untouched by the Markdown renderer, and typeset in the browser
  mathjax/          MathJax 3 (tex-svg-full.js and its LICENSE) from the pinned PyPI package
                    django-static-mathjax: every page typesets its maths with this copy, offline
  index.html        links to everything

No page loads anything from the network: notebooks are converted with tools/site-template/offline (the lab
template without require.js, the CDN MathJax and the Mermaid loader), and the build fails if any page still
refers to a remote script, stylesheet, font or image (remote_references).
Links between pages (`01-x.ipynb`, `../docs/01-x.md`) are rewritten to the .html pages.
Usage: tools/build_site.py   (make html runs the notebooks first, then this; it rebuilds the site from the
executed notebooks in target/notebooks-executed/ without running anything)
"""
import html
import importlib.util
import re
import shutil
import sys
from pathlib import Path

import markdown
import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

ROOT = Path(__file__).resolve().parent.parent
EXECUTED = ROOT / "target" / "notebooks-executed"
SITE = ROOT / "target" / "site"
TEMPLATES = ROOT / "tools" / "site-template"

# The one MathJax file the pages load (TeX input with every extension, SVG output: no web fonts, which
# browsers may refuse to load from file://); its LICENSE is copied beside it.
MATHJAX_SCRIPT = "tex-svg-full.js"
MATHJAX_VERSION = "3.2.2"

# Same delimiters as JupyterLab: $...$ and \(...\) inline, $$...$$ and \[...\] displayed; \$ is a dollar.
MATHJAX_CONFIG = r"""<script>
window.MathJax = {
  tex: {inlineMath: [['$', '$'], ['\\(', '\\)']], displayMath: [['$$', '$$'], ['\\[', '\\]']],
        processEscapes: true, processEnvironments: true, tags: 'ams'},
  svg: {fontCache: 'global'}
};
</script>"""

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #222; }
code, pre { font-family: ui-monospace, monospace; }
pre { background: #f6f6f6; padding: .75rem; overflow-x: auto; }
.math-display { display: block; margin: .75rem 0; overflow-x: auto; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .25rem .5rem; }
"""

# Relative links to notebooks or notes, with an optional #anchor: rewritten to the .html pages.
LOCAL_LINK = re.compile(r'(href=")(?![a-z]+:|/|#)([^"#]*?)\.(ipynb|md)((?:#[^"]*)?")')
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$(?!\$)")
# Code is left alone by the maths protection: fenced blocks and `inline code` (a $ there is just a dollar).
CODE = re.compile(r"(^ {0,3}```.*?^ {0,3}```[ \t]*$|`[^`\n]+`)", re.MULTILINE | re.DOTALL)

# A reference that makes a page load something from the network (http://, https:// or protocol-relative
# //host): a script, a stylesheet or any <link>, an image or frame, a CSS url()/@import, a JS import().
REMOTE = r"""["']?(?:https?:)?//"""
REMOTE_REFERENCE = re.compile(
    r"<(?:script|img|iframe|source|embed)\b[^>]*?\bsrc\s*=\s*" + REMOTE + r"[^\s\"'>]*"
    r"|<link\b[^>]*?\bhref\s*=\s*" + REMOTE + r"[^\s\"'>]*"
    r"|@import\s+(?:url\(\s*)?" + REMOTE + r"[^\s\"')]*"
    r"|url\(\s*" + REMOTE + r"[^\s\"')]*"
    r"|\bimport\s*\(\s*" + REMOTE + r"[^\s\"')]*",
    re.IGNORECASE)


def rewrite_links(text):
    return LOCAL_LINK.sub(lambda m: f"{m.group(1)}{m.group(2)}.html{m.group(4)}", text)


def mathjax_head(up):
    """The <script> tags that typeset a page's maths with the site's own MathJax; `up` leads from the page
    to the site's root ("" or "../")."""
    return f'{MATHJAX_CONFIG}\n<script defer src="{up}mathjax/{MATHJAX_SCRIPT}"></script>'


def page(title, body, up):
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>{STYLE}</style>\n{mathjax_head(up)}\n</head><body>\n"
            f'<p><a href="{up}index.html">&larr; nn-workbook</a></p>\n{body}\n</body></html>\n')


def render_markdown(text):
    """Markdown to HTML with the LaTeX kept verbatim for MathJax: maths outside code is swapped out for
    placeholders before rendering (so `_` and `*` inside it are not read as emphasis, `\\` not as an
    escape) and put back, HTML-escaped, afterwards: inline maths as <span class="math">$...$</span>, a
    display formula as <div class="math math-display">$$...$$</div> (a <span> with that class when it
    shares its paragraph with text)."""
    maths = []

    def stash(display):
        def repl(m):
            maths.append((display, m.group(0)))
            return f"@@MATH{len(maths) - 1}@@"
        return repl

    parts = CODE.split(text)  # odd indices are code, kept as written
    for i in range(0, len(parts), 2):
        parts[i] = INLINE_MATH.sub(stash(False), DISPLAY_MATH.sub(stash(True), parts[i]))
    body = markdown.markdown("".join(parts), extensions=["tables", "fenced_code", "toc", "sane_lists"])

    def unstash(m):
        display, source = maths[int(m.group(2))]
        alone = m.group(1) is not None  # the formula is the whole paragraph
        tag = "div" if display and alone else "span"
        cls = "math math-display" if display else "math"
        element = f'<{tag} class="{cls}">{html.escape(source, quote=False)}</{tag}>'
        return f"<p>{element}</p>" if alone and not display else element

    return re.sub(r"(<p>)?@@MATH(\d+)@@(?(1)</p>)", unstash, body)


def notebook_exporter():
    """nbconvert's HTML exporter for the site: the offline template, and consecutive printed chunks of a
    cell merged into one block as JupyterLab shows them (JJava sends a printf in several pieces, which
    nbconvert would otherwise put on separate lines)."""
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)])
    exporter.mathjax_url = f"../mathjax/{MATHJAX_SCRIPT}"  # the template takes the tags from site_mathjax
    exporter.register_preprocessor(CoalesceStreamsPreprocessor, enabled=True)
    return exporter


def remote_references(text):
    """Every place in an HTML page (or CSS) that would load a script, stylesheet, font, image or module
    from the network; [] for a page that works offline. Ordinary hyperlinks (<a href="https://...">) are
    fine: following one is the reader's choice."""
    return [m.group(0) for m in REMOTE_REFERENCE.finditer(text)]


def mathjax_source():
    """The folder holding MathJax's es5/ build and LICENSE, from the pinned PyPI package
    django-static-mathjax (its Python package is called `mathjax`)."""
    spec = importlib.util.find_spec("mathjax")
    folder = Path(spec.origin).parent / "static" / "mathjax" if spec and spec.origin else None
    script = folder / "es5" / MATHJAX_SCRIPT if folder else None
    if script is None or not script.is_file():
        raise SystemExit("MathJax not found: expected the PyPI package django-static-mathjax (see "
                         "requirements.txt) with static/mathjax/es5/" + MATHJAX_SCRIPT + ". Run `make venv`.")
    if f'VERSION="{MATHJAX_VERSION}"' not in script.read_text(encoding="utf-8"):
        raise SystemExit(f"{script} is not MathJax {MATHJAX_VERSION}: reinstall with `make venv`.")
    return folder


def copy_mathjax(into):
    """Copies the one MathJax file the pages load, and MathJax's licence, into `into` (target/site/mathjax/)."""
    source = mathjax_source()
    into.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "es5" / MATHJAX_SCRIPT, into / MATHJAX_SCRIPT)
    shutil.copy2(source / "LICENSE", into / "LICENSE")


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

    if SITE.exists():  # built afresh: no page of a renamed notebook or note is left behind
        shutil.rmtree(SITE)
    (SITE / "notebooks").mkdir(parents=True)
    (SITE / "docs").mkdir(parents=True)
    copy_mathjax(SITE / "mathjax")
    exporter = notebook_exporter()
    nb_links = []
    for src in notebooks:
        nb = nbformat.read(EXECUTED / src.name, as_version=4)
        body, _ = exporter.from_notebook_node(
            nb, resources={"metadata": {"name": src.stem}, "site_mathjax": mathjax_head("../")})
        out = SITE / "notebooks" / (src.stem + ".html")
        out.write_text(rewrite_links(body), encoding="utf-8")
        nb_links.append((f"notebooks/{out.name}", title_of_notebook(nb, src.stem), src.name))

    if (ROOT / "docs" / "img").is_dir():  # pictures the notes show, e.g. ![...](img/network-2-3-1.png)
        shutil.copytree(ROOT / "docs" / "img", SITE / "docs" / "img", dirs_exist_ok=True)
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

    remote = [(p, ref) for p in sorted(SITE.rglob("*")) if p.suffix in (".html", ".css")
              for ref in remote_references(p.read_text(encoding="utf-8"))]
    for p, ref in remote:
        print(f"Remote reference in {p.relative_to(SITE)}: {ref}  (the site must work offline)")
    if remote:
        return 1
    print(f"Site: {SITE.relative_to(ROOT)}/index.html  "
          f"({len(nb_links)} notebook(s), {len(doc_links)} note(s))")
    return 0


if __name__ == "__main__":
    sys.exit(main())
