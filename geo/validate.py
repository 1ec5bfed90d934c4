"""Check the Atlas data: ``python -m geo.validate [DIR]`` (DIR defaults to ``data/``).

Exit 0 with a summary when everything is valid; exit 1 with one ``file:line: column: problem``
line per problem otherwise. Never a traceback: whatever happens ends in one line and exit 1, so the
tool can sit in hooks and CI. The articles folder is ``$ATLAS_ARTICLES_DIR`` or
``../shared/articles``.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from geo import config, tables

__all__ = ["main", "summary"]


def summary(atlas: tables.Atlas) -> str:
    """Rows per table, rows citing each source and how many locators were found in the articles."""
    frames = {n: getattr(atlas, n) for n in tables.TABLES} | atlas.extra
    cites = Counter(s for n, df in frames.items() if n != "sources" and "source_id" in df
                    for s in df["source_id"])
    known = list(atlas.sources.get("source_id", []))
    ids = known + sorted(set(cites) - set(known))
    lines = ["rows per table:"] + [f"  {n:<16}{len(df):>6}" for n, df in frames.items()]
    lines += ["rows per source:"] + [f"  {s:<16}{cites[s]:>6}" for s in ids]
    lines.append(f"locators checked in the articles: {atlas.locators_checked}")
    if atlas.articles_missing:
        missing = ", ".join(atlas.articles_missing)
        lines.append(f"articles not at hand (their locators unchecked): {missing}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the check; returns the exit code."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    if len(args) > 1 or (args and args[0].startswith("-")):
        print("usage: python -m geo.validate [DIR]", file=sys.stderr)
        return 1
    folder = Path(args[0]) if args else config.data_dir()
    try:
        atlas = tables.load(folder)
        for p in atlas.problems:
            print(p)
        if atlas.problems:
            print(f"{len(atlas.problems)} problem(s) in {folder}", file=sys.stderr)
            return 1
        print(f"{folder}: valid\n{summary(atlas)}")
        return 0
    except Exception as e:  # the contract is one line and exit 1, never a traceback
        print(f"geo.validate: unexpected {type(e).__name__}: {' '.join(str(e).split())}",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
