"""Write the answers of the example queries into the README and docs/queries.md, from a built graph.

Each section of those pages headed «## … (`queries/NAME.rq`)» (any heading level from two down) shows its
query's answer on `sources/` as a table; this script runs every such query and puts its table in place of the
old one, so the pages say what the graph says. A ```sparql block in the section, before the table, is
replaced by the query file itself, so the query shown is the query run. ``--check`` changes nothing and exits
1 if any table or query is out of date, or if a page has no example section left (the test suite runs it).

Run: ``.venv/bin/python scripts/readme_answers.py output/graph.ttl [--check] [--page FILE]…``.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from graphbuild.query import QueryResult, load, run_query

ROOT = Path(__file__).resolve().parent.parent
PAGES = (ROOT / "README.md", ROOT / "docs" / "queries.md")  # the pages that show example answers
SECTION = re.compile(r"^#{2,6} .*\(`queries/(?P<name>[\w-]+)\.rq`\)\s*$", re.MULTILINE)
QUERY_BLOCK = re.compile(r"^```sparql\n.*?^```[ \t]*\n", re.MULTILINE | re.DOTALL)
TABLE = re.compile(r"(?:^\|.*\|[ \t]*\n)+", re.MULTILINE)
CELL_CHARACTERS = 70  # longer sentences are cut, with «…»
CUT_COLUMNS = ("sentence",)  # the columns that hold a sentence of the text


@dataclass(frozen=True)
class Shown:
    """How much of a query's answer the pages show."""

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


def _updated_section(body: str, name: str, store: Graph | ox.Store) -> str:
    """One section's text (after its heading) with its query block and answer table made anew."""
    table = TABLE.search(body)
    if table is None:
        return body
    query = (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    before = body[: table.start()]
    block = QUERY_BLOCK.search(before)
    if block is not None:
        before = before[: block.start()] + f"```sparql\n{query.rstrip()}\n```\n" + before[block.end():]
    answer = markdown_table(run_query(store, query), SHOWN.get(name, Shown()))
    return before + answer + body[table.end():]


def example_sections(page: str) -> list[str]:
    """The names of the queries whose answers the page shows, in order."""
    return [section["name"] for section in SECTION.finditer(page)]


def updated_page(page: str, store: Graph | ox.Store) -> str:
    """The page with every example query's block and table made anew from the graph (a loaded store)."""
    sections = list(SECTION.finditer(page))
    pieces = [page[: sections[0].end()] if sections else page]
    for section, following in zip(sections, sections[1:] + [None]):
        end = following.start() if following is not None else len(page)
        pieces.append(_updated_section(page[section.end() : end], section["name"], store))
        if following is not None:
            pieces.append(following[0])
    return "".join(pieces)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path, help="the graph built from sources/ (output/graph.ttl)")
    parser.add_argument("--page", type=Path, action="append", dest="pages",
                        help="a page to update (repeatable; default: README.md and docs/queries.md)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a table is out of date; change nothing")
    args = parser.parse_args()
    store = load(args.graph)
    failed = False
    for path in args.pages or PAGES:
        page = path.read_text(encoding="utf-8")
        if not example_sections(page):
            print(f"{path}: no example query section («## … (`queries/NAME.rq`)») found")
            failed = True
            continue
        updated = updated_page(page, store)
        if updated == page:
            continue
        if args.check:
            print(f"{path}: the example queries' answers are out of date; run {Path(__file__).name}")
            failed = True
        else:
            path.write_text(updated, encoding="utf-8")
            print(f"updated the answers in {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
