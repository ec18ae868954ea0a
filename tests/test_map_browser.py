"""The map (output/graph.html) in a real browser: Debian's Chromium, headless, driven by Playwright.

Every expected value comes from the graph the page was made from (read with rdflib), not from the page.
One browser serves the whole session; the sources' map is opened once per test module and worker, and each
test puts it back as it found it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from playwright import sync_api as playwright_api
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from graphbuild import ontology as gbo
from graphbuild.export.html import write_html
from graphbuild.pipeline import build

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
READY = "body[data-ready=true]"
ZWNJ = "\u200c"
HOSTILE_TITLE = "<img src=x onerror=\"self['__pwned'] = 3; alert(3)\">"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make system-packages)")


@pytest.fixture(scope="session")
def browser():
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class Requests:
    """Every request a page makes; anything that is not file: or data: is refused and remembered."""

    def __init__(self, context):
        self.urls: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))
        context.route("**/*", self._route)

    @staticmethod
    def _route(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            route.abort()


def open_map(browser, path: Path, bypass_csp: bool = False):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=bypass_csp)
    requests = Requests(context)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    return context, page, requests, errors


@pytest.fixture(scope="module")
def sources_map(browser, sources_build):
    _, output = sources_build
    context, page, requests, errors = open_map(browser, output / "graph.html")
    yield page, requests, errors
    context.close()


@pytest.fixture()
def page(sources_map):
    """The sources' map, back in its first state after the test: map view, no filters, nothing selected."""
    page, _, errors = sources_map
    yield page
    assert not errors
    page.evaluate("""() => { const map = window.graphbuildMap;
        document.querySelectorAll('#legend input[name=kind]').forEach(box => { box.checked = !box.disabled; });
        document.getElementById('document-filter').value = '';
        document.getElementById('min-mentions').value = '0';
        map.applyFilters(); map.showView('map'); network.selectNodes([]);
        document.getElementById('search').value = ''; }""")
    page.locator("#panel").evaluate("panel => { panel.hidden = true; }")
    if not page.locator("#show-co-mentions").is_checked():
        page.locator("#show-co-mentions").check()


# --- what the graph says -------------------------------------------------------------------------------------


def entities(graph: Graph) -> dict[URIRef, str]:
    """Entity → kind."""
    return {s: kind for kind, cls in gbo.KIND_CLASS.items() for s in graph.subjects(RDF.type, cls)}


def label(graph: Graph, entity: URIRef) -> str:
    return str(graph.value(entity, RDFS.label))


def labels_of(graph: Graph, selected) -> list[str]:
    return sorted(label(graph, entity) for entity in selected)


def visible_names(page) -> list[str]:
    """Names of the nodes the network draws now (vis leaves hidden nodes out of nodeIndices)."""
    return sorted(page.evaluate("""() => network.body.nodeIndices.map(
        id => data.nodes.find(node => node.id === id).name)"""))


def node_id(page, name: str) -> str:
    return page.evaluate("name => data.nodes.find(node => node.name === name).id", name)


def click_node(page, name: str) -> None:
    """A real mouse click on the node, where the network draws it."""
    identifier = node_id(page, name)
    page.evaluate("id => network.focus(id, {scale: 1.2})", identifier)
    point = page.evaluate("id => network.canvasToDOM(network.getPositions([id])[id])", identifier)
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector(f'#panel[data-node="{identifier}"]')


def the_party(graph: Graph) -> URIRef:
    """The most-mentioned party."""
    parties = [e for e, kind in entities(graph).items() if kind == "Party"]
    return max(parties, key=lambda e: (int(graph.value(e, gbo.MENTION_COUNT)), str(e)))


# --- tests ---------------------------------------------------------------------------------------------------


def test_every_entity_is_a_node_and_the_legend_counts_them(page, sources_graph):
    kinds = entities(sources_graph)
    assert int(page.evaluate("document.body.dataset.drawnNodes")) == len(kinds)
    assert len(visible_names(page)) == len(kinds)
    assert page.evaluate("network.physics.options.enabled") is False  # laid out, then frozen
    counts = Counter(kinds.values())
    for kind in gbo.KIND_CLASS:
        shown = page.locator(f'#legend .count[data-kind="{kind}"]')
        assert int(shown.get_attribute("data-count")) == counts[kind]
        assert shown.inner_text() == str(counts[kind]).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    members = {(s, o) for s, o in sources_graph.subject_objects(gbo.MEMBER_OF) if s in kinds and o in kinds}
    assert int(page.locator('#legend .count[data-relation="memberOf"]').get_attribute("data-count")) == len(members)


def test_labels_never_overlap(page):
    boxes = page.evaluate("window.graphbuildMap.labels()")
    assert len(boxes) > 10
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]), (a, b)


def search_results(page, query: str) -> list[str]:
    page.fill("#search", query)
    page.wait_for_selector("#search-results:not([hidden])")
    return page.locator("#search-results li .name").all_inner_texts()


def test_search_tolerates_arabic_letters_half_spaces_and_short_forms(page, sources_graph):
    party = label(sources_graph, the_party(sources_graph))
    assert "ی" in party and "ک" in party
    arabic = party.replace("ی", "ي").replace("ک", "ك")
    assert search_results(page, arabic)[0] == party
    page.keyboard.press("Enter")
    page.wait_for_selector(f'#panel[data-node="{node_id(page, party)}"]')
    assert page.evaluate("network.getSelectedNodes()") == [node_id(page, party)]
    assert page.locator("#panel h2").inner_text() == party

    half_spaced = sorted(label(sources_graph, e) for e in entities(sources_graph) if ZWNJ in label(sources_graph, e))
    assert half_spaced, "the sources name something with a half-space"
    for variant in (half_spaced[0].replace(ZWNJ, " "), half_spaced[0].replace(ZWNJ, "")):
        assert half_spaced[0] in search_results(page, variant)

    # A short form: another name the texts use (skos:altLabel), or a piece of the canonical name.
    entity, alternative = min((e, str(alt)) for e in entities(sources_graph)
                              for alt in sources_graph.objects(e, SKOS.altLabel))
    assert label(sources_graph, entity) in search_results(page, alternative)
    last_word = party.split()[-2]
    assert party in search_results(page, last_word)
    assert page.locator("#search-results li.none").count() == 0
    page.fill("#search", "چیزی که هیچ جا نیست")
    assert page.locator("#search-results li.none").count() == 1


def set_filter(page, selector: str, value: str) -> None:
    if selector == "#document-filter":
        page.select_option(selector, value)
    else:
        page.fill(selector, value)


def test_filters_by_kind_document_and_mentions(page, sources_graph):
    kinds = entities(sources_graph)
    page.locator('#legend input[name="kind"][value="Person"]').uncheck()
    assert visible_names(page) == labels_of(sources_graph, [e for e, k in kinds.items() if k != "Person"])
    assert page.evaluate("document.body.dataset.visibleNodes") == str(len(kinds) - list(kinds.values()).count("Person"))
    page.locator('#legend input[name="kind"][value="Person"]').check()

    documents = sorted(str(sources_graph.value(d, DCTERMS.identifier))
                       for d in sources_graph.subjects(RDF.type, gbo.DOCUMENT_CLASS))
    chosen = documents[-1]
    document = next(sources_graph.subjects(DCTERMS.identifier, Literal(chosen)))
    page.select_option("#document-filter", str(documents.index(chosen)))
    expected = labels_of(sources_graph, [e for e in sources_graph.objects(document, gbo.MENTIONS) if e in kinds])
    assert visible_names(page) == expected and 0 < len(expected) < len(kinds)
    page.select_option("#document-filter", "")

    counts = sorted(int(sources_graph.value(e, gbo.MENTION_COUNT)) for e in kinds)
    least = counts[len(counts) * 3 // 4]
    page.fill("#min-mentions", str(least))
    expected = labels_of(sources_graph, [e for e in kinds if int(sources_graph.value(e, gbo.MENTION_COUNT)) >= least])
    assert visible_names(page) == expected and 0 < len(expected) < len(kinds)


def test_co_mention_edges_can_be_hidden(page, sources_build):
    result, _ = sources_build
    drawn = page.evaluate("() => network.body.edgeIndices.length")
    facts = page.evaluate("() => data.edges.filter(edge => edge.fact).length")
    co_mentions = len(list(result.graph.subjects(RDF.type, gbo.CO_MENTION)))
    assert drawn == facts + co_mentions
    page.locator("#show-co-mentions").uncheck()
    assert page.evaluate("() => network.body.edgeIndices.length") == facts
    page.locator("#show-co-mentions").check()
    assert page.evaluate("() => network.body.edgeIndices.length") == drawn


def test_the_side_panel_shows_names_facts_and_every_mention(page, sources_graph):
    party = the_party(sources_graph)
    name = label(sources_graph, party)
    click_node(page, name)
    panel = page.locator("#panel")
    assert panel.locator("h2").inner_text() == name
    assert panel.locator(".kind").inner_text() == "حزب"
    alternatives = sorted(str(a) for a in sources_graph.objects(party, SKOS.altLabel))
    assert panel.locator(".other-names").inner_text() == "، ".join(alternatives)

    annotations = [a for a in sources_graph.subjects(gbo.OA.hasBody, party)]
    exact = Counter()
    for annotation in annotations:
        target = sources_graph.value(annotation, gbo.OA.hasTarget)
        for selector in sources_graph.objects(target, gbo.OA.hasSelector):
            if (selector, gbo.OA.exact, None) in sources_graph:
                exact[str(sources_graph.value(selector, gbo.OA.exact))] += 1
    assert Counter(panel.locator("li.mention mark").all_inner_texts()) == exact
    documents = {sources_graph.value(sources_graph.value(a, gbo.OA.hasTarget), gbo.OA.hasSource) for a in annotations}
    sources = {str(sources_graph.value(d, DCTERMS.title) or sources_graph.value(d, DCTERMS.identifier))
               for d in documents}
    headings = {text.split(" — ")[0] for text in panel.locator(".document").all_inner_texts()}
    assert headings == sources

    members = labels_of(sources_graph, sources_graph.subjects(gbo.MEMBER_OF, party))
    facts = panel.locator("details.facts")
    shown = [text for text in facts.locator("li.fact").all_text_contents() if "عضوِ" in text]
    assert len(shown) == len(members) and members
    if not facts.evaluate("box => box.open"):  # a long list starts folded
        facts.locator("summary").click()
    # Facts link to their other end: following one selects that node and shows it.
    target = facts.locator(f'a[data-node="{node_id(page, members[0])}"]').first
    target.click()
    page.wait_for_selector(f'#panel[data-node="{node_id(page, members[0])}"]')
    assert page.evaluate("network.getSelectedNodes()") == [node_id(page, members[0])]
    assert panel.locator("h2").inner_text() == members[0]
    # On the map, the selected node's few facts carry their relation's name.
    page.wait_for_timeout(600)  # the focusing animation
    captions = [box["text"] for box in page.evaluate("window.graphbuildMap.labels()") if box["id"].startswith("e")]
    assert "عضوِ" in captions


def test_the_timeline_shows_dated_events_and_leads_to_the_map(page, sources_graph):
    kinds = entities(sources_graph)
    dated = labels_of(sources_graph, {e for e in sources_graph.subjects(gbo.START_DATE, None) if e in kinds})
    assert dated
    page.locator("#tab-timeline").click()
    assert page.locator("#timeline-view").is_visible() and not page.locator("#map-view").is_visible()
    events = page.locator("#timeline svg .event")
    assert sorted(events.locator("text").all_text_contents()) == dated
    first = events.first
    identifier = first.get_attribute("data-node")
    first.click()
    page.wait_for_selector(f'#panel[data-node="{identifier}"]')
    assert page.locator("#map-view").is_visible()
    assert page.evaluate("network.getSelectedNodes()") == [identifier]
    assert page.locator("#panel .date").count() >= 1


def test_no_request_leaves_the_file(page, sources_map):
    _, requests, _ = sources_map
    search_results(page, "حزب")
    page.keyboard.press("Enter")
    page.locator("#tab-timeline").click()
    page.locator("#tab-map").click()
    assert requests.urls and all(url.startswith(("file:", "data:")) for url in requests.urls), requests.urls


@pytest.fixture(scope="module")
def hostile_map(tmp_path_factory) -> Path:
    """A build of one document whose text holds markup that would run if the page ever parsed it as HTML."""
    root = tmp_path_factory.mktemp("hostile")
    sources = root / "sources"
    sources.mkdir()
    (sources / "payload.txt").write_text(
        # no full stop inside the markup: sentence splitting must leave it whole in the snippets
        "حزب کمونیست کارگری ایران <script>self['__pwned'] = 1; alert(1)</script> کنگره یازدهم خود را در تهران "
        "برگزار کرد.\n<img src=x onerror=\"self['__pwned'] = 2; alert(2)\"> سازمان راه کارگر از حزب کمونیست "
        "کارگری ایران حمایت کرد.\n", encoding="utf-8")
    result = build(sources, root / "output", report=lambda message: None)
    # The title is the user's, but still no markup: rendered again with one that would run.
    write_html(result.graph, root / "output" / "graph.html", title=HOSTILE_TITLE,
               documents=result.documents)
    return root / "output" / "graph.html"


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "without-csp"])
def test_markup_in_a_document_runs_nothing(browser, hostile_map, bypass_csp):
    """Without the page's Content-Security-Policy too: the text itself must never become markup."""
    context, page, requests, errors = open_map(browser, hostile_map, bypass_csp=bypass_csp)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        assert search_results(page, "حزب كمونيست")  # the party was found in the hostile text
        page.keyboard.press("Enter")
        panel = page.locator("#panel")
        page.wait_for_selector("#panel:not([hidden])")
        snippets = " ".join(panel.locator("li.mention").all_inner_texts())
        # shown as text, exactly as the document has it
        assert "<script>self['__pwned'] = 1; alert(1)</script>" in snippets
        assert "<img src=x onerror=\"self['__pwned'] = 2; alert(2)\">" in snippets
        page.locator("#tab-timeline").click()
        page.locator("#tab-map").click()
        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert dialogs == [] and errors == []
        assert page.locator("#panel img, #panel script, header img").count() == 0
        assert page.locator("h1").inner_text() == HOSTILE_TITLE
        assert all(url.startswith(("file:", "data:")) for url in requests.urls), requests.urls
    finally:
        context.close()
