#!/usr/bin/env python3
"""Check every relative link and #anchor in the workbook's Markdown files and notebook markdown cells.

A link target `path#anchor` must name an existing file (relative to the linking file), and the anchor must
exist in the target: an explicit `<a id="...">` / `id="..."`, or a heading's GitHub slug. Links to the web
(http:, https:, mailto:) are not checked. Exit status 1 when anything is broken.

Usage: tools/check_links.py [FILE ...]   (default: README.md, docs/**/*.md, notebooks/*.ipynb)
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# [text](target) and ![alt](target); the target stops at whitespace or ')'. Optional "title" ignored.
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_LINK = re.compile(r"""(?:href|src)=["']([^"']+)["']""")
EXPLICIT_ID = re.compile(r"""\b(?:id|name)=["']([^"']+)["']""")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def markdown_of(path):
    """The Markdown text of a .md file, or the markdown cells of a notebook joined by blank lines."""
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        return "\n\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    return path.read_text(encoding="utf-8")


def strip_code(text):
    """Drops fenced code blocks and inline code spans, where brackets are not links."""
    out, fenced = [], False
    for line in text.split("\n"):
        if FENCE.match(line):
            fenced = not fenced
            out.append("")
            continue
        out.append("" if fenced else re.sub(r"`[^`\n]*`", "", line))
    return "\n".join(out)


def slug(heading):
    """GitHub's anchor for a heading: lower case, markup and punctuation dropped, spaces to hyphens."""
    text = re.sub(r"`([^`]*)`", r"\1", heading)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text).lower()
    text = re.sub(r"[^\w\- ]", "", text, flags=re.UNICODE)
    return text.replace(" ", "-")


def anchors_of(path, cache={}):
    if path not in cache:
        text = markdown_of(path) if path.suffix in (".md", ".ipynb") else ""
        found, seen = set(EXPLICIT_ID.findall(text)), {}
        for line in strip_code(text).split("\n"):
            m = HEADING.match(line)
            if m:
                s = slug(m.group(2))
                n = seen.get(s, 0)
                seen[s] = n + 1
                found.add(s if n == 0 else f"{s}-{n}")
        cache[path] = found
    return cache[path]


def check(path):
    problems = []
    text = strip_code(markdown_of(path))
    targets = LINK.findall(text) + HTML_LINK.findall(text)
    for target in targets:
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
            continue
        file_part, _, anchor = target.partition("#")
        dest = path if not file_part else (path.parent / file_part).resolve()
        if not dest.exists():
            problems.append(f"{path.relative_to(ROOT)}: link to {target}: no file {file_part}")
            continue
        if anchor and dest.is_file() and anchor not in anchors_of(dest):
            problems.append(f"{path.relative_to(ROOT)}: link to {target}: no anchor #{anchor} in "
                            f"{dest.relative_to(ROOT)}")
    return problems, len(targets)


def main(argv):
    files = [Path(a).resolve() for a in argv] or (
        [ROOT / "README.md"] + sorted((ROOT / "docs").rglob("*.md")) + sorted((ROOT / "notebooks").glob("*.ipynb")))
    problems, count = [], 0
    for f in files:
        p, n = check(f)
        problems += p
        count += n
    for p in problems:
        print(p)
    print(f"links: {count} checked in {len(files)} files, {len(problems)} broken")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
