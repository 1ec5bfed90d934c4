"""``python -m geo.ingest ARTICLE.txt [--published YYYY[-MM[-DD]]] [--lang fr|en]
[--source-id ID] --out DIR``: candidate rows from one article, for a person to review.

Exit 0 with the files written; 2 with one clear line (naming the file) for input it cannot
read: missing, not UTF-8 text, empty, too large, HTML, or naming no country.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.ingest import core

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m geo.ingest", description=__doc__.split("\n\n")[0])
    p.add_argument("article", type=Path, help="plain-text article (UTF-8)")
    p.add_argument("--published", help="publication date, YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--lang", choices=("fr", "en"), help="language (guessed when absent)")
    p.add_argument("--source-id", help="source id (default: the next free art-NNN)")
    p.add_argument("--title", help="title (default: the article's first line)")
    p.add_argument("--out", type=Path, required=True, help="folder for the candidate CSVs")
    a = p.parse_args(argv)
    try:
        raw = a.article.read_bytes()
    except OSError as e:
        print(f"{a.article}: cannot read: {e.strerror or e}", file=sys.stderr)
        return 2
    try:
        result = core.ingest(raw, name=a.article.name, published=a.published, lang=a.lang,
                             source_id=a.source_id, title=a.title)
    except core.InputError as e:
        print(f"{a.article}: {e}", file=sys.stderr)
        return 2
    core.write(result, a.out)
    n = {k: len(v) for k, v in result.rows.items()}
    print(f"{a.article.name}: {n['memberships']} memberships, {n['relations']} relations, "
          f"{n['events']} events ({result.lang}) -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
