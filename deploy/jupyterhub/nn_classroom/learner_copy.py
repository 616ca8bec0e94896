"""Each learner's own ~/nn-workbook, made on first login from the shared install, never overwritten.

    ~/nn-workbook/notebooks/*.ipynb   the learner's copies (a notebook added to the course later is copied on the
                                      next login; one the learner has is never replaced, even if changed or empty)
    ~/nn-workbook/docs                link to the shared maths notes (read-only; without solutions/)
    ~/nn-workbook/target/             the learner's own folder: lesson 05 saves target/models/ here
    ~/nn-workbook/target/nn-workbook.jar  link to the shared jar (so `%classpath ../target/nn-workbook.jar` works)

The spawner runs this as the learner (python -m nn_classroom.learner_copy SHARE), never as root, so a link or
file a learner planted in their home cannot make the hub write anywhere else.
"""
import os
import shutil
import sys
import tempfile
from pathlib import Path


def make(share, home):
    """Brings `home`/nn-workbook up to date from `share` without replacing anything; returns what it did."""
    share, root = Path(share), Path(home) / "nn-workbook"
    done = []
    for folder in (root, root / "notebooks", root / "target"):
        if not folder.is_dir():
            folder.mkdir(mode=0o700)
            done.append(f"made {folder}")
    for source in sorted((share / "notebooks").glob("*.ipynb")):
        target = root / "notebooks" / source.name
        if os.path.lexists(target):
            continue
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".copy-")
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out)
        try:
            os.link(tmp, target)           # fails if the learner made one meanwhile: theirs stays
            done.append(f"copied {source.name}")
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    for link, points_to in ((root / "docs", share / "docs"),
                            (root / "target" / "nn-workbook.jar", share / "nn-workbook.jar")):
        if not os.path.lexists(link):
            link.symlink_to(points_to)
            done.append(f"linked {link} -> {points_to}")
    return done


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m nn_classroom.learner_copy SHARE   (run as the learner; uses $HOME)")
    for line in make(sys.argv[1], os.environ.get("HOME") or os.path.expanduser("~")):
        print(f"learner_copy: {line}")
