"""Write the answers of the example queries into the README, from a built graph.

Each section of the README headed «### … (`queries/NAME.rq`)» shows its query's answer on `sources/` as a
table; this script runs every such query and puts its table in place of the old one, so the README says what
the graph says. ``--check`` changes nothing and exits 1 if any table is out of date (the test suite runs it).

Run: ``.venv/bin/python scripts/readme_answers.py output/graph.ttl [--check]``.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from graphbuild.query import QueryResult, load, run_query

ROOT = Path(__file__).resolve().parent.parent
SECTION = re.compile(r"^### .*\(`queries/(?P<name>[\w-]+)\.rq`\)\s*$", re.MULTILINE)
TABLE = re.compile(r"(?:^\|.*\|[ \t]*\n)+", re.MULTILINE)
CELL_CHARACTERS = 70  # longer sentences are cut, with «…»
CUT_COLUMNS = ("sentence",)  # the columns that hold a sentence of the text


@dataclass(frozen=True)
class Shown:
    """How much of a query's answer the README shows."""

    rows: int | None = None  # the first N rows, then a line that counts the rest; None: every row
    drop: tuple[str, ...] = ()  # columns left out
    first_per: str | None = None  # only the first row for each value of this column


SHOWN = {
    "people-by-party": Shown(rows=16),
    "most-mentioned-per-document": Shown(rows=10),
    "co-signatories": Shown(rows=8),
    "signed-messages": Shown(rows=14),
    "provenance-of-facts": Shown(drop=("note",), first_per="property"),
    "mentions-of-an-entity": Shown(rows=8),
}


def _cell(value: object, cut: bool) -> str:
    text = " ".join(("" if value is None else str(value)).split()).replace("|", "\\|")
    return text if not cut or len(text) <= CELL_CHARACTERS else text[:CELL_CHARACTERS] + "…"


def markdown_table(result: QueryResult, shown: Shown) -> str:
    kept = [i for i, column in enumerate(result.columns) if column not in shown.drop]
    rows = result.rows
    if shown.first_per is not None:
        column = result.columns.index(shown.first_per)
        seen: set[str] = set()
        rows = [row for row in rows if not (str(row[column]) in seen or seen.add(str(row[column])))]
    visible = rows if shown.rows is None else rows[: shown.rows]
    lines = ["| " + " | ".join(result.columns[i] for i in kept) + " |", "|" + "---|" * len(kept)]
    lines += ["| " + " | ".join(_cell(row[i], result.columns[i] in CUT_COLUMNS) for i in kept) + " |"
              for row in visible]
    hidden = len(result.rows) - len(visible)
    if hidden:
        lines.append(f"| … {hidden} more rows ({len(result.rows)} in all) |" + " |" * (len(kept) - 1))
    return "\n".join(lines) + "\n"


def updated_readme(readme: str, graph_path: Path) -> str:
    """The README with every example query's table made anew from the graph."""
    store = load(graph_path)
    pieces, position = [], 0
    for section in SECTION.finditer(readme):
        table = TABLE.search(readme, section.end())
        if table is None:
            continue
        query = (ROOT / "queries" / f"{section['name']}.rq").read_text(encoding="utf-8")
        result = run_query(store, query)
        pieces += [readme[position : table.start()], markdown_table(result, SHOWN.get(section["name"], Shown()))]
        position = table.end()
    return "".join(pieces) + readme[position:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path, help="the graph built from sources/ (output/graph.ttl)")
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    parser.add_argument("--check", action="store_true", help="exit 1 if a table is out of date; change nothing")
    args = parser.parse_args()
    readme = args.readme.read_text(encoding="utf-8")
    updated = updated_readme(readme, args.graph)
    if args.check:
        if updated != readme:
            print(f"{args.readme}: the example queries' answers are out of date; run {Path(__file__).name}")
            return 1
        return 0
    if updated != readme:
        args.readme.write_text(updated, encoding="utf-8")
        print(f"updated the answers in {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
