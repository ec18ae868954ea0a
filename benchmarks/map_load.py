"""Benchmark: how long a large map takes to become usable in headless Chromium.

Builds a synthetic knowledge graph of --nodes entities (RDF made directly with the terms of
graphbuild.ontology: kinds in the proportions of the sources, mention counts with a long tail, documents,
annotations with quote selectors, co-mentions, stated facts, signatories and dated events), renders its map
with graphbuild.export.html, opens it from file:// in Debian's Chromium through Playwright and reports, per
run and as the median:

- interactive: from the start of navigation to the moment the layout is done, physics is off and the map
  answers (the page sets <body data-ready="true"> then); measured from outside the page;
- the page's own measures (``performance.now()``): when its script started, and from then until the layout was
  done (``data-layout-ms``) and the first frame with labels was drawn (``data-first-frame-ms``);
- click: time for a click on a node to open the side panel, seen from outside and in the page.

Run: .venv/bin/python benchmarks/map_load.py [--nodes 2000] [--runs 3] [--keep map.html]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal
from rdflib.namespace import DCTERMS, SKOS

from graphbuild import ontology as gbo
from graphbuild.export.html import render_html

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
# Shares of each kind among the entities, as in the sources' graph (11 parties, 39 organisations, 38 people,
# 57 places, 22 events of 167).
KIND_SHARES = {"Party": 0.07, "Organization": 0.23, "Person": 0.23, "Place": 0.34, "Event": 0.13}
HEADS = {"Party": "حزب", "Organization": "سازمان", "Person": "", "Place": "شهر", "Event": "کنگره"}
WORDS = ["کارگران", "کمونیست", "آزادی", "برابری", "سوسیالیست", "چپ", "انقلابی", "ایران", "کردستان", "زنان",
         "دانشجویان", "معلمان", "اتحاد", "همبستگی", "شورا", "فدائیان", "راه", "کار", "نان", "مسکن"]
GIVEN = ["آرش", "رویا", "منصور", "شیرین", "بهروز", "مهدی", "سپهر", "ژیلا", "کسری", "همایون", "نسرین", "حمید"]
FAMILY = ["حکمت", "تقوایی", "فرخنده", "مهرآبادی", "صفری‌پور", "رهایی", "دشتی", "قهرمانی", "فضیلتی", "حیدری"]
SENTENCE = "در این بیانیه از {name} نام برده شده است و متن دربارهٔ آن سخن می‌گوید."


def synthetic_graph(entities: int, documents: int = 100, seed: int = 6) -> Graph:
    """A graph with the shape of a real build, ``entities`` entities strong."""
    rng = random.Random(seed)
    graph = gbo.new_graph()
    kinds = [kind for kind, share in KIND_SHARES.items() for _ in range(round(share * entities))]
    kinds = (kinds + ["Place"] * entities)[:entities]
    rng.shuffle(kinds)
    iris, by_kind = [], {kind: [] for kind in KIND_SHARES}
    doc_iris = [gbo.document_iri(f"doc{d:04d}.txt") for d in range(documents)]
    for d, doc in enumerate(doc_iris):
        graph.add((doc, RDF.type, gbo.DOCUMENT_CLASS))
        graph.add((doc, RDF.type, gbo.SCHEMA.CreativeWork))
        graph.add((doc, DCTERMS.identifier, Literal(f"doc{d:04d}.txt")))
        graph.add((doc, DCTERMS.title, Literal(f"بیانیهٔ شمارهٔ {d}", lang="fa")))
    mentioned_in: dict[int, list] = {d: [] for d in range(documents)}
    for index, kind in enumerate(kinds):
        iri = gbo.entity_iri(kind, f"synthetic {index}")
        iris.append(iri)
        by_kind[kind].append(iri)
        name = _name(rng, kind, index)
        graph.add((iri, RDF.type, gbo.KIND_CLASS[kind]))
        for cls in gbo.SCHEMA_CLASSES[kind]:
            graph.add((iri, RDF.type, cls))
        graph.add((iri, RDFS.label, Literal(name, lang="fa")))
        if rng.random() < 0.2:
            graph.add((iri, SKOS.altLabel, Literal(name.split()[-1], lang="fa")))
        mentions = max(1, int(60 / (1 + rng.random() * 59) ** 1.3 * rng.uniform(0.5, 1.5)))  # long tail
        graph.add((iri, gbo.MENTION_COUNT, Literal(mentions)))
        for m in range(min(mentions, 6)):
            d = rng.randrange(documents)
            mentioned_in[d].append(iri)
            graph.add((doc_iris[d], gbo.MENTIONS, iri))
            _annotate(graph, iri, f"doc{d:04d}.txt", doc_iris[d], name, 40 * index + m)
    for d, present in mentioned_in.items():  # co-mentions among entities of one document
        for _ in range(len(present)):
            first, second = sorted(rng.sample(present, 2)) if len(present) > 1 else (None, None)
            if first is None or first == second:
                continue
            node = gbo.co_mention_iri(first, second)
            graph.add((node, RDF.type, gbo.CO_MENTION))
            graph.add((node, gbo.PARTICIPANT, first))
            graph.add((node, gbo.PARTICIPANT, second))
            graph.add((node, gbo.SENTENCE_COUNT, Literal(rng.randint(1, 4))))
    bodies = by_kind["Party"] + by_kind["Organization"]
    for person in by_kind["Person"]:
        if rng.random() < 0.5:
            graph.add((person, gbo.MEMBER_OF, rng.choice(bodies)))
    for event in by_kind["Event"]:
        if rng.random() < 0.5:
            graph.add((event, gbo.ORGANIZER, rng.choice(bodies)))
        if rng.random() < 0.4:
            graph.add((event, gbo.LOCATION, rng.choice(by_kind["Place"])))
        if rng.random() < 0.6:
            graph.add((event, gbo.START_DATE, _date(rng)))
    places = by_kind["Place"]
    for place in places[20:]:
        graph.add((place, gbo.CONTAINED_IN_PLACE, rng.choice(places[:20])))
    for doc in doc_iris[:30]:
        for body in rng.sample(bodies, 3):
            graph.add((doc, gbo.SIGNATORY, body))
    return graph


def _name(rng: random.Random, kind: str, index: int) -> str:
    if kind == "Person":
        return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {index}"
    return " ".join(filter(None, [HEADS[kind], *rng.sample(WORDS, 2), str(index)]))


def _annotate(graph: Graph, entity, identifier: str, doc, name: str, start: int) -> None:
    target = gbo.text_target_iri(identifier, start, start + len(name))
    position, quote = gbo.selector_iris(target)
    annotation = gbo.mention_iri(identifier, start, start + len(name), str(entity))
    graph.add((annotation, RDF.type, gbo.OA.Annotation))
    graph.add((annotation, gbo.OA.hasBody, entity))
    graph.add((annotation, gbo.OA.hasTarget, target))
    graph.add((target, gbo.OA.hasSource, doc))
    graph.add((target, gbo.OA.hasSelector, position))
    graph.add((target, gbo.OA.hasSelector, quote))
    graph.add((position, gbo.OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    graph.add((position, gbo.OA.end, Literal(start + len(name), datatype=XSD.nonNegativeInteger)))
    before, after = SENTENCE.split("{name}")
    graph.add((quote, gbo.OA.exact, Literal(name)))
    graph.add((quote, gbo.OA.prefix, Literal(before[-32:])))
    graph.add((quote, gbo.OA.suffix, Literal(after[:32])))


def _date(rng: random.Random) -> Literal:
    year = rng.randint(1905, 2022)
    precision = rng.random()
    if precision < 0.4:
        return Literal(str(year), datatype=XSD.gYear)
    if precision < 0.7:
        return Literal(f"{year}-{rng.randint(1, 12):02d}", datatype=XSD.gYearMonth)
    return Literal(f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", datatype=XSD.date)


def measure(page_path: Path, runs: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            started = time.perf_counter()
            page.goto(page_path.as_uri(), wait_until="commit")
            page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
            interactive = time.perf_counter() - started
            physics = page.evaluate("network.physics.options.enabled")
            node = page.evaluate("""() => { const ids = network.body.nodeIndices;
                const id = ids.reduce((a, b) => network.getBoundingBox(a).right - network.getBoundingBox(a).left
                    >= network.getBoundingBox(b).right - network.getBoundingBox(b).left ? a : b);
                return {id, at: network.canvasToDOM(network.getPositions([id])[id])}; }""")
            # In the page: from the pointer going down on the node to the panel holding it.
            page.evaluate("""() => { window.clickTimes = {};
                document.getElementById("map").addEventListener("pointerdown",
                    () => { window.clickTimes.down = performance.now(); }, true);
                const seen = () => { window.clickTimes.panel = window.clickTimes.panel || performance.now(); };
                new MutationObserver(seen).observe(document.getElementById("panel"), {attributes: true}); }""")
            box = page.locator("#map").bounding_box()
            clicked = time.perf_counter()
            page.mouse.click(box["x"] + node["at"]["x"], box["y"] + node["at"]["y"])
            page.wait_for_selector(f'#panel[data-node="{node["id"]}"]', timeout=10_000)
            click = time.perf_counter() - clicked
            click_in_page = page.evaluate("window.clickTimes.panel - window.clickTimes.down") / 1000
            results.append({
                "interactive": interactive, "layout": int(page.evaluate("document.body.dataset.layoutMs")) / 1000,
                "script": int(page.evaluate("document.body.dataset.scriptStartMs")) / 1000,
                "frame": int(page.evaluate("document.body.dataset.firstFrameMs")) / 1000,
                "iterations": int(page.evaluate("document.body.dataset.iterations")), "physics": physics,
                "click": click, "click_in_page": click_in_page,
                "nodes": int(page.evaluate("document.body.dataset.drawnNodes")),
            })
            page.close()
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="also write the map to this file")
    args = parser.parse_args()
    graph = synthetic_graph(args.nodes)
    started = time.perf_counter()
    html = render_html(graph, title=f"{args.nodes} موجودیت")
    rendered = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as work:
        path = Path(args.keep or Path(work) / "map.html")
        path.write_text(html, encoding="utf-8")
        results = measure(path, args.runs)
    edges = html.count('"fact":')
    print(f"graph: {args.nodes} entities, {len(graph)} triples; page {len(html.encode()) / 1e6:.1f} MB "
          f"with {edges} edges, rendered in {rendered:.1f} s")
    for index, run in enumerate(results, 1):
        print(f"run {index}: interactive {run['interactive']:.2f} s (script started at {run['script']:.2f} s, "
              f"layout done {run['layout']:.2f} s and first frame drawn {run['frame']:.2f} s after that start, "
              f"{run['iterations']} layout iterations, "
              f"physics {'on' if run['physics'] else 'off'}, "
              f"{run['nodes']} nodes drawn); click → panel {run['click'] * 1000:.0f} ms "
              f"({run['click_in_page'] * 1000:.0f} ms in the page)")
    print(f"median: interactive {statistics.median(r['interactive'] for r in results):.2f} s, "
          f"click → panel {statistics.median(r['click'] for r in results) * 1000:.0f} ms "
          f"({statistics.median(r['click_in_page'] for r in results) * 1000:.0f} ms in the page)")


if __name__ == "__main__":
    main()
