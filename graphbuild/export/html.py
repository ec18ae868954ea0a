"""Interactive HTML map of the entity graph: one self-contained page that opens offline from file://.

pyvis collects the vis-network node and edge records and supplies its bundled vis-network build; the page
itself comes from the project's own template, because pyvis's templates link Bootstrap (and, in some modes,
vis-network) from CDNs and render tooltips as HTML.

Safety: no text from a document reaches the page as markup. Labels travel as JSON inside a script (with
``<``, ``>``, ``&``, U+2028 and U+2029 escaped), tooltips are built in JS with ``textContent``, and the title
goes through Jinja's autoescaping.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from pyvis.network import Network
from rdflib import Graph

from graphbuild.document import KINDS, Kind
from graphbuild.export.files import atomic_write
from graphbuild.export.network import to_networkx

FONT_STACK = 'Vazirmatn, Tahoma, "Noto Sans Arabic", "Noto Naskh Arabic", sans-serif'
VIS_VERSION = "9.1.2"  # the copy pyvis bundles; pinned so a pyvis upgrade cannot silently change the page


@dataclass(frozen=True)
class KindStyle:
    name_fa: str
    colour: str  # Okabe–Ito palette: distinguishable with the common colour-vision deficiencies
    shape: str  # a vis-network shape with the label below it, so every label reads the same way


KIND_STYLES: dict[Kind, KindStyle] = {
    "Party": KindStyle("حزب", "#D55E00", "diamond"),
    "Organization": KindStyle("سازمان", "#0072B2", "square"),
    "Person": KindStyle("شخص", "#009E73", "dot"),
    "Place": KindStyle("مکان", "#E69F00", "triangle"),
    "Event": KindStyle("رویداد", "#CC79A7", "star"),
}
# Persian names of fact relations, read along the arrow (event —organizer→ party). Unknown ones show as is.
RELATION_NAMES_FA: dict[str, str] = {
    "organizer": "برگزارکننده",
    "location": "محل",
    "memberOf": "عضوِ",
    "containedInPlace": "واقع در",
}
FACT_COLOUR = "#37474F"
CO_MENTION_COLOUR = "#B0B0B0"


def write_html(graph: Graph, path: Path, title: str = "graphbuild") -> None:
    """Write the map as one UTF-8 HTML file with everything inline; same graph, same bytes."""
    atomic_write(path, render_html(graph, title).encode("utf-8"))


def render_html(graph: Graph, title: str = "graphbuild") -> str:
    entities = to_networkx(graph)
    network = build_network(entities)
    nodes, edges = _sorted_records(network)
    css, js = vis_assets()
    return _template().render(
        title=title,
        font_stack=Markup(FONT_STACK),  # a constant; escaping its quotes would break the CSS
        node_count=entities.number_of_nodes(),
        vis_css=Markup(css),
        vis_js=Markup(js),
        legend=_legend(entities),
        facts=sum(1 for _, _, fact in entities.edges(data="fact") if fact),
        co_mentions=sum(1 for _, _, fact in entities.edges(data="fact") if not fact),
        data=script_json({"nodes": nodes, "edges": edges, "options": vis_options(), "texts": _TEXTS}),
    )


def build_network(entities: nx.MultiDiGraph) -> Network:
    """The pyvis network: short sequential ids (n0, e0, …) in sorted order, so the page is reproducible and
    carries no IRIs."""
    network = Network(directed=True, cdn_resources="in_line")
    ids = {iri: f"n{index}" for index, iri in enumerate(sorted(entities))}
    for iri in sorted(entities):
        _add_node(network, ids[iri], entities.nodes[iri])
    ordered = sorted(entities.edges(keys=True, data=True), key=lambda e: (not e[3]["fact"], e[2], e[0], e[1]))
    for index, (source, target, _, attributes) in enumerate(ordered):
        _add_edge(network, f"e{index}", ids[source], ids[target], attributes)
    return network


def _add_node(network: Network, node_id: str, entity: dict) -> None:
    style = KIND_STYLES[entity["kind"]]
    network.add_node(
        node_id,
        label=entity["label"],
        shape=style.shape,
        group=entity["kind"],  # colour and shape come from the kind's group in the options
        # vis scales size linearly in value; the square root keeps one much-mentioned entity from dwarfing the rest
        value=round(math.sqrt(max(entity["mentions"], 1)), 4),
        kindName=style.name_fa,
        altLabels=entity["alt_labels"],
        mentions=entity["mentions"],
        documents=entity["documents"],
    )


def _add_edge(network: Network, edge_id: str, source: str, target: str, attributes: dict) -> None:
    relation = attributes["relation"]
    if attributes["fact"]:
        network.add_edge(source, target, id=edge_id, relation=relation, fact=True, arrows="to",
                         label=RELATION_NAMES_FA.get(relation, relation), dashes=False, width=2,
                         color={"color": FACT_COLOUR, "highlight": "#000000"}, length=220)
        return
    weight = max(attributes.get("weight", 1), 1)
    # Co-mentions stay thinner than facts (0.8–1.8 px) whatever the count: they are context, not claims.
    network.add_edge(source, target, id=edge_id, relation=relation, fact=False, sentences=weight,
                     arrows={"to": {"enabled": False}}, dashes=[4, 4],
                     width=round(0.8 + min(math.log2(weight), 3) / 3, 2),
                     color={"color": CO_MENTION_COLOUR, "highlight": "#606060", "opacity": 0.8}, length=220)


def _sorted_records(network: Network) -> tuple[list[dict], list[dict]]:
    nodes, edges, *_ = network.get_network_data()
    return sorted(nodes, key=lambda n: int(n["id"][1:])), sorted(edges, key=lambda e: int(e["id"][1:]))


def vis_options() -> dict:
    """vis-network options. A fixed random seed makes the initial layout, like the file, reproducible."""
    return {
        "layout": {"randomSeed": 7, "improvedLayout": True},
        "groups": {kind: _group(style) for kind, style in KIND_STYLES.items()},
        "nodes": {
            "font": {"face": FONT_STACK, "size": 22, "color": "#1a1a1a", "strokeWidth": 4, "strokeColor": "#ffffff"},
            "scaling": {"min": 10, "max": 34, "label": {"enabled": False}},
            "widthConstraint": {"maximum": 180},  # long names wrap instead of running across neighbours
            "borderWidth": 1.5,
        },
        "edges": {
            "font": {"face": FONT_STACK, "size": 19, "align": "horizontal", "color": FACT_COLOUR,
                     "strokeWidth": 3, "strokeColor": "#ffffff"},
            "smooth": {"enabled": True, "type": "continuous", "roundness": 0.3},
            "selectionWidth": 1.5,
        },
        "physics": {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -120, "centralGravity": 0.025, "springLength": 120,
                                 "springConstant": 0.06, "damping": 0.5, "avoidOverlap": 1},
            "stabilization": {"enabled": True, "iterations": 1500, "updateInterval": 50, "fit": True},
            "minVelocity": 0.75,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True, "multiselect": True},
    }


def _group(style: KindStyle) -> dict:
    return {
        "shape": style.shape,
        "color": {"background": style.colour, "border": _darker(style.colour),
                  "highlight": {"background": style.colour, "border": "#000000"},
                  "hover": {"background": style.colour, "border": "#000000"}},
    }


def _darker(colour: str, factor: float = 0.7) -> str:
    channels = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * factor):02X}" for c in channels)


def _legend(entities: nx.MultiDiGraph) -> list[dict]:
    counts = {kind: 0 for kind in KINDS}
    for _, kind in entities.nodes(data="kind"):
        counts[kind] += 1
    return [{"kind": kind, "name_fa": KIND_STYLES[kind].name_fa, "colour": KIND_STYLES[kind].colour,
             "border": _darker(KIND_STYLES[kind].colour), "shape": KIND_STYLES[kind].shape, "count": counts[kind]}
            for kind in KINDS]


# Tooltip captions, passed to the page as data so the script holds no Persian literals of its own.
_TEXTS = {
    "kind": "نوع",
    "otherNames": "نام‌های دیگر",
    "mentions": "شمار اشاره‌ها",
    "documents": "اسناد",
    "coMention": "هم‌آیی در یک جمله",
    "sentences": "شمار جمله‌ها",
    "fact": "رابطهٔ بیان‌شده",
    "more": "و {n} سند دیگر",
}

_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: object) -> Markup:
    """JSON that is safe inside a <script> element: no ``</script>``, ``<!--`` or line-separator surprises.

    The replaced characters can occur only inside JSON strings, where the escapes mean the same thing."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(raw, escaped)
    return Markup(text)


_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def fa_digits(value: object) -> str:
    return str(value).translate(_PERSIAN_DIGITS)


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's CSS and JS from pyvis's bundled copy, checked to be safe to inline in <style>/<script>."""
    library = Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_VERSION}"
    css = (library / "vis-network.css").read_text(encoding="utf-8")
    js = (library / "vis-network.min.js").read_text(encoding="utf-8")
    if "</style" in css.lower() or "</script" in js.lower() or "<!--" in js:
        raise RuntimeError(f"pyvis's vis-network {VIS_VERSION} cannot be inlined safely")
    return css, js


@lru_cache(maxsize=1)
def _template():
    environment = Environment(loader=PackageLoader("graphbuild.export", "templates"), autoescape=True,
                              undefined=StrictUndefined, keep_trailing_newline=True)
    environment.filters["fa_digits"] = fa_digits
    return environment.get_template("map.html")
