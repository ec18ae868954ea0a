"""Other RDF systems reading a Turtle file: Apache Jena's RIOT, rapper (Raptor) and Oxigraph.

Each reader is independent of rdflib, so agreement between them is evidence that the Turtle is standard,
not that rdflib reads back what rdflib wrote. The tests skip a missing system locally and fail on CI;
`make test` installs them all (target `system-packages`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

JAVA_DIR = Path("/usr/share/java")
# RIOT's main class in jena-cmds; Debian's libapache-jena-java ships the jars but no `riot` launcher.
RIOT_MAIN = "riotcmd.riot"
# Debian's jars carry no Class-Path, so the classpath is the Jena jars and what the package depends on.
# Exactly one SLF4J binding: slf4j-simple, which prints RIOT's warnings and errors on stderr (several
# bindings on the path, as in a glob of /usr/share/java, make Jena fail to start).
JENA_JARS = ("jena-base", "jena-core", "jena-arq", "jena-iri", "jena-cmds")
DEPENDENCY_JARS = ("commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io",
                   "commons-lang3", "dexx.collection", "gson", "guava", "httpclient", "httpcore",
                   "jackson-core", "jackson-databind", "jackson-annotations", "jsonld-java", "jakarta.json-api",
                   "protobuf", "thrift", "titanium-json-ld", "slf4j-api", "slf4j-simple")
# Debian moved Jena's bundled Xerces classes to the package `xerces` but left their message bundles
# under org/apache/jena/ext/xerces, so every XSD datatype check dies with "internal error" (the regex
# parser cannot find its messages). The bundles are copied to where the classes look for them.
XERCES_RESOURCES = "org/apache/jena/ext/xerces/"
RIOT_COUNT = re.compile(r":\s*Triples\s*=\s*([\d,]+)")


@dataclass
class RiotReport:
    triples: int
    warnings: list[str]
    errors: list[str]


def require(command: str, package: str) -> str:
    """The path of a system program; skip the test without it, but fail on CI, where it must be installed."""
    found = shutil.which(command)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{command} ({package}) is missing: the test command installs it")
        pytest.skip(f"{command} not installed ({package}; make test installs it)")
    return found


def riot_classpath(work: Path) -> str:
    """RIOT's classpath, with the Xerces message bundles put where Debian's relocated classes look."""
    require("java", "default-jre-headless")
    jars = [JAVA_DIR / f"{name}.jar" for name in JENA_JARS + DEPENDENCY_JARS]
    missing = [jar.name for jar in jars if not jar.exists()]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"Jena jars missing under {JAVA_DIR}: {missing}; the test command installs libapache-jena-java")
        pytest.skip(f"libapache-jena-java not installed (missing {missing}; make test installs it)")
    resources = work / "jena-resources"
    with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith(XERCES_RESOURCES) and name.endswith(".properties"):
                target = resources / "xerces" / name[len(XERCES_RESOURCES):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return os.pathsep.join([str(resources), *map(str, jars)])


def _riot(classpath: str, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(["java", "-cp", classpath, RIOT_MAIN, *arguments],
                          capture_output=True, text=True, encoding="utf-8", timeout=300,
                          check=False)


def riot_validate(classpath: str, turtle: Path) -> RiotReport:
    """`riot --validate --count`: strict parsing with term checks, the triple count and what it logged."""
    run = _riot(classpath, "--syntax=turtle", "--validate", "--count", str(turtle))
    found = RIOT_COUNT.search(run.stderr)  # the count is printed on stderr, with the log
    if found is None:
        raise AssertionError(f"riot printed no count for {turtle} (exit {run.returncode}):\n{run.stderr}")
    log = run.stderr.splitlines()
    errors = [line for line in log if " ERROR " in line or "Exception" in line]
    if run.returncode != 0 and not errors:
        errors.append(f"riot exited with {run.returncode}")
    return RiotReport(triples=int(found.group(1).replace(",", "")),
                      warnings=[line for line in log if " WARN " in line], errors=errors)


def riot_ntriples(classpath: str, turtle: Path) -> str:
    """The triples as RIOT reads them, written back as N-Triples."""
    run = _riot(classpath, "--syntax=turtle", "--output=ntriples", str(turtle))
    assert run.returncode == 0, f"riot failed on {turtle}:\n{run.stderr}"
    return run.stdout


def rapper_count(turtle: Path) -> int:
    require("rapper", "raptor2-utils")
    run = subprocess.run(["rapper", "-i", "turtle", "-c", str(turtle)], capture_output=True, text=True, check=True)
    return int(re.search(r"returned (\d+) triples", run.stderr).group(1))


def rapper_ntriples(turtle: Path) -> str:
    require("rapper", "raptor2-utils")
    run = subprocess.run(["rapper", "-q", "-i", "turtle", "-o", "ntriples", str(turtle)],
                         capture_output=True, text=True, encoding="utf-8", check=True)
    return run.stdout


def oxigraph_store(turtle: Path):
    """The file loaded into an in-memory Oxigraph store (a set of quads, like any triple store)."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(turtle), format=pyoxigraph.RdfFormat.TURTLE)
    return store


def oxigraph_ntriples(turtle: Path) -> str:
    """The triples as Oxigraph's parser reads them. Not through a Store: the store keeps the value of an
    xsd:nonNegativeInteger but gives it back typed xsd:integer (pyoxigraph 0.5), a change of term."""
    import pyoxigraph

    triples = (quad.triple for quad in pyoxigraph.parse(path=str(turtle), format=pyoxigraph.RdfFormat.TURTLE))
    return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES).decode("utf-8")
