"""Every relative link in README.md and docs/*.md leads to a file that exists, and to a heading of it when the
link names one (as GitHub makes the anchors)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# Linked before they are written; checked like any other page once they exist.
PAGES_TO_COME: set[Path] = set()  # pages linked before they are written
FENCED_BLOCK = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*\s*$", re.MULTILINE)
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)  # https:, mailto:, …


def _prose(path: Path) -> str:
    """The page without its fenced code blocks (a SPARQL comment is no heading, a code sample no link)."""
    return FENCED_BLOCK.sub("", path.read_text(encoding="utf-8"))


def anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the page's headings: lower case, punctuation dropped, spaces to hyphens,
    «-1», «-2»… after repeated ones."""
    seen: dict[str, int] = {}
    found = set()
    for heading in HEADING.finditer(_prose(path)):
        slug = re.sub(r"[^\w\- ]", "", heading["text"].lower()).replace(" ", "-")
        found.add(slug if slug not in seen else f"{slug}-{seen[slug]}")
        seen[slug] = seen.get(slug, 0) + 1
    return found


def broken_links(page: Path) -> list[str]:
    broken = []
    for link in LINK.finditer(_prose(page)):
        target = link["target"]
        if EXTERNAL.match(target):
            continue
        file_part, _, anchor = target.partition("#")
        linked = (page.parent / file_part).resolve() if file_part else page
        if not linked.exists():
            if linked not in PAGES_TO_COME:
                broken.append(f"{target}: no such file")
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            broken.append(f"{target}: no heading #{anchor} in {file_part or page.name}")
    return broken


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_relative_link_resolves(page):
    assert broken_links(page) == [], f"{page.relative_to(ROOT)}: broken links"


def test_the_check_finds_a_broken_link_and_a_missing_heading(tmp_path):
    (tmp_path / "there.md").write_text("# There\n\n## A `code` heading: yes\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text("[ok](there.md#a-code-heading-yes) [gone](missing.md) [web](https://example.org/x.md)\n"
                    "[no heading](there.md#elsewhere)\n```sh\n[in code](nowhere.md)\n```\n", encoding="utf-8")
    assert broken_links(page) == ["missing.md: no such file", "there.md#elsewhere: no heading #elsewhere in there.md"]
