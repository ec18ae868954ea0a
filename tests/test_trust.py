"""Issue 16, the promises a careless or hostile user leans on: outputs never lost (written as one unit, not
replaced by an empty build, not raced by a second build), catalogue dates checked, links and special files
under SOURCES named and never followed out, and every command failing with a message, not a traceback."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from graphbuild.cli import main
from graphbuild.read import ReadError, catalogue_date, read_sources
from graphbuild.validate import validate

from .conftest import ROOT

TEXT = "حزب کارگران نوین در شهر تهران نشست برگزار کرد.\n"  # invented
OTHER_TEXT = "سازمان دانشجویان آزاد در شهر تبریز بیانیه داد.\n"  # invented
SCHEMA_DATE_PUBLISHED = URIRef("https://schema.org/datePublished")


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def assert_a_message_not_a_traceback(result, *words: str) -> None:
    """A failure as the user should see it: exit status not 0, the words in the message, no traceback."""
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output, result.output


def folder_with(tmp_path: Path, name: str, text: str = TEXT, **files: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "doc.txt").write_text(text, encoding="utf-8")
    for file_name, content in files.items():
        (folder / file_name.replace("__", ".")).write_text(content, encoding="utf-8")
    return folder


def build_ok(sources: Path, output: Path, *options: str) -> None:
    result = invoke("build", str(sources), "-o", str(output), "--no-validate", *options)
    assert result.exit_code == 0, result.output


def pair(output: Path) -> tuple[bytes, bytes]:
    return (output / "graph.ttl").read_bytes(), (output / "graph.html").read_bytes()


def leftovers(output: Path) -> list[str]:
    return sorted(p.name for p in output.iterdir() if p.name.endswith(".tmp"))


# ---- row 2: a build with no readable document keeps the earlier graph ----


@pytest.mark.parametrize("empty", ["no files", "only unreadable files"])
def test_an_empty_build_does_not_replace_a_graph_unless_told(tmp_path, empty):
    output = tmp_path / "output"
    build_ok(folder_with(tmp_path, "good"), output)
    before = pair(output)
    sources = tmp_path / "empty"
    sources.mkdir()
    if empty == "only unreadable files":
        (sources / "binary.txt").write_bytes(b"\x00\xff\x00binary")
    result = invoke("build", str(sources), "-o", str(output), "--no-validate")
    assert_a_message_not_a_traceback(result, "no readable document", "--allow-empty")
    assert pair(output) == before
    build_ok(sources, output, "--allow-empty")
    assert len(Graph().parse(output / "graph.ttl")) == 0


def test_an_empty_build_into_an_empty_folder_needs_no_option(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    build_ok(empty, tmp_path / "output")
    assert (tmp_path / "output" / "graph.html").exists()


# ---- row 3: the outputs are replaced together or not at all ----


def _full_disk_for(name: str, monkeypatch) -> None:
    """Make writing the temporary file of output ``name`` fail as a full disk does: its descriptor is
    /dev/full's, where every write ends in ENOSPC."""
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        handle, path = real_mkstemp(*args, **kwargs)
        if Path(path).name.startswith(f".{name}."):
            full = os.open("/dev/full", os.O_WRONLY)
            os.dup2(full, handle)
            os.close(full)
        return handle, path

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("failing", ["graph.ttl", "graph.html"])
def test_a_full_disk_while_writing_leaves_the_earlier_pair_whole(tmp_path, monkeypatch, failing):
    output = tmp_path / "output"
    build_ok(folder_with(tmp_path, "first"), output)
    before = pair(output)
    _full_disk_for(failing, monkeypatch)
    result = invoke("build", str(folder_with(tmp_path, "second", OTHER_TEXT)), "-o", str(output), "--no-validate")
    assert_a_message_not_a_traceback(result, "No space left on device", "as they were")
    assert pair(output) == before
    assert leftovers(output) == []


@pytest.fixture()
def small_tmpfs(tmp_path):
    """A real tmpfs of 1.3 MB as the output folder: room for one pair of outputs, not for two. Root only."""
    mount_point = tmp_path / "tmpfs"
    mount_point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1300k", "tmpfs", str(mount_point)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"no tmpfs: {mounted.stderr.decode(errors='replace')}")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_real_full_disk_leaves_the_earlier_pair_whole(tmp_path, small_tmpfs):
    first = tmp_path / "first-output"
    build_ok(folder_with(tmp_path, "first"), first)
    for name in ("graph.ttl", "graph.html"):
        shutil.copy(first / name, small_tmpfs / name)
    before = pair(small_tmpfs)
    result = invoke("build", str(folder_with(tmp_path, "second", OTHER_TEXT)), "-o", str(small_tmpfs), "--no-validate")
    assert_a_message_not_a_traceback(result, "No space left on device")
    assert pair(small_tmpfs) == before
    assert leftovers(small_tmpfs) == []


# ---- row 10: one build at a time in an output folder ----


HOLD_LOCK = """
import sys, time
from pathlib import Path
from graphbuild.pipeline import output_lock
with output_lock(Path(sys.argv[1]), Path(sys.argv[2])):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_second_build_into_the_same_folder_is_refused_and_names_the_first(tmp_path):
    output = tmp_path / "output"
    sources = folder_with(tmp_path, "sources")
    build_ok(sources, output)
    before = pair(output)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(output), str(sources)], stdout=subprocess.PIPE,
                              text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = invoke("build", str(folder_with(tmp_path, "other", OTHER_TEXT)), "-o", str(output), "--no-validate")
        assert_a_message_not_a_traceback(result, "another build", f"pid {holder.pid}", str(sources.resolve()))
        assert pair(output) == before
    finally:
        holder.kill()
        holder.wait()
    build_ok(sources, output)  # the lock went with its (killed) holder: no stale lock


# ---- row 7: catalogue dates ----


@pytest.mark.parametrize(("written", "value"), [
    ("2016-10-30", "2016-10-30"), ("2012-04", "2012-04"), ("2019", "2019"),
    ("1400/04/10", "2021-07-01"), ("۱۴۰۰/۰۴/۱۰", "2021-07-01"), ("1400-04-10", "2021-07-01"),
    ("۱۰ تیر ۱۴۰۰", "2021-07-01"), ("تیر ۱۴۰۰", "2021-07"), ("1400-04", "2021-07"), ("1357", "1978"),
    ("28 October 2016", "2016-10-28"),
    ("yesterday", None), ("2016-13-45", None), ("2016-02-30", None), ("1400-12-31", None), ("2016-13", None),
    ("0999", None), ("1398 تا 1399", None),
])
def test_catalogue_dates_are_read_as_the_texts_dates_are(written, value):
    assert catalogue_date(written) == value


def test_a_catalogue_date_that_is_no_date_is_named_with_its_row_and_ignored(tmp_path):
    sources = folder_with(tmp_path, "sources", catalogue__csv="file,date\nother.txt,2016-10-30\ndoc.txt,yesterday\n")
    found = list(read_sources(sources))
    assert "catalogue.csv row 3: date 'yesterday' is not a date; ignored" in [str(f) for f in found]
    (document,) = [f for f in found if not isinstance(f, ReadError)]
    assert "date" not in document.metadata


@pytest.mark.parametrize(("written", "literal"), [
    ("yesterday", None), ("2016-13-45", None),
    ("1400/04/10", Literal("2021-07-01", datatype=XSD.date)), ("2016-10", Literal("2016-10", datatype=XSD.gYearMonth)),
])
def test_the_graph_carries_catalogue_dates_converted_or_not_at_all(tmp_path, written, literal):
    sources = folder_with(tmp_path, "sources", catalogue__csv=f"file,date\ndoc.txt,{written}\n")
    output = tmp_path / "output"
    result = invoke("build", str(sources), "-o", str(output))
    assert result.exit_code == 0, result.output
    dates = set(Graph().parse(output / "graph.ttl").objects(None, SCHEMA_DATE_PUBLISHED))
    assert dates == ({literal} if literal else set())
    assert ("is not a date" in result.stderr) == (literal is None)
    assert "conforms" in result.stdout


@pytest.mark.parametrize("bad", [Literal("yesterday", datatype=XSD.gYear), Literal("2016-13-45", datatype=XSD.date),
                                 Literal("2016-13", datatype=XSD.gYearMonth), Literal("1400/04/10", datatype=XSD.gYear)])
def test_the_shapes_refuse_an_ill_formed_date(sources_graph, bad):
    graph = Graph()
    graph += sources_graph
    document, old = next(iter(graph.subject_objects(SCHEMA_DATE_PUBLISHED)))
    graph.set((document, SCHEMA_DATE_PUBLISHED, bad))
    report = validate(graph)
    assert not report.conforms
    assert any(v.value == bad for v in report.violations)


# ---- row 8: links, special files and folders that cannot be listed ----


def _read_in_time(sources: Path, seconds: float = 10, **options) -> list:
    """read_sources in a thread, so that a FIFO that blocks fails the test instead of hanging it."""
    found: list = []
    reader = threading.Thread(target=lambda: found.extend(read_sources(sources, **options)), daemon=True)
    reader.start()
    reader.join(seconds)
    assert not reader.is_alive(), "reading blocked"
    return found


def _release_fifo(path: Path) -> None:
    """Open a FIFO's writing end and close it, so a reader blocked on it (the old code) gets its end of file."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass


def _problems(found: list) -> dict[str, str]:
    return {f.identifier: f.problem for f in found if isinstance(f, ReadError)}


def _documents(found: list) -> list[str]:
    return [f.identifier for f in found if not isinstance(f, ReadError)]


def test_links_are_followed_inside_sources_only_and_every_skip_is_named(tmp_path):
    sources = folder_with(tmp_path, "sources")
    outside = tmp_path / "outside.txt"
    outside.write_text("a secret outside the sources folder", encoding="utf-8")
    (sources / "sub").mkdir()
    (sources / "sub" / "inside.txt").symlink_to("../doc.txt")
    (sources / "out.txt").symlink_to(outside)
    (sources / "dangling.txt").symlink_to(tmp_path / "nothing.txt")
    (sources / "loop-a").symlink_to("loop-b")
    (sources / "loop-b").symlink_to("loop-a")
    (sources / "sub" / "up").symlink_to("..")
    found = _read_in_time(sources)
    assert _documents(found) == ["doc.txt", "sub/inside.txt"]
    problems = _problems(found)
    assert "outside the sources folder" in problems["out.txt"]
    assert "dangling" in problems["dangling.txt"]
    assert "loop" in problems["loop-a"] and "loop" in problems["loop-b"] and "loop" in problems["sub/up"]
    assert all("secret" not in f.text for f in found if not isinstance(f, ReadError))


def test_links_are_not_followed_at_all_when_told(tmp_path):
    sources = folder_with(tmp_path, "sources")
    (sources / "again.txt").symlink_to("doc.txt")
    found = _read_in_time(sources, follow_links=False)
    assert _documents(found) == ["doc.txt"]
    assert "not followed" in _problems(found)["again.txt"]
    output = tmp_path / "output"
    result = invoke("build", str(sources), "-o", str(output), "--no-validate", "--no-follow-links")
    assert result.exit_code == 0 and "again.txt" in result.stderr


def test_a_fifo_document_and_a_fifo_catalogue_are_refused_without_blocking(tmp_path):
    sources = folder_with(tmp_path, "sources")
    fifos = [sources / "pipe.txt", sources / "catalogue.csv"]
    for fifo in fifos:
        os.mkfifo(fifo)
    try:
        found = _read_in_time(sources)
    finally:
        for fifo in fifos:
            _release_fifo(fifo)
    problems = _problems(found)
    assert "FIFO" in problems["pipe.txt"] and "FIFO" in problems["catalogue.csv"]
    assert _documents(found) == ["doc.txt"]


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_a_device_is_refused(tmp_path):
    sources = folder_with(tmp_path, "sources")
    (sources / "null.txt").symlink_to("/dev/null")  # a link out of the folder…
    found = _read_in_time(sources)
    assert "outside" in _problems(found)["null.txt"]


def test_a_folder_that_cannot_be_listed_is_named(tmp_path, monkeypatch):
    sources = folder_with(tmp_path, "sources")
    (sources / "closed").mkdir()
    (sources / "closed" / "hidden-away.txt").write_text(TEXT, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):  # as chmod 000 would, for a user who is not root
        if Path(path).name == "closed":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = _read_in_time(sources)
    assert _documents(found) == ["doc.txt"]
    assert "Permission denied" in _problems(found)["closed/"]


# ---- row 9: every command on bad input: a message and an exit status, never a traceback ----


@pytest.fixture()
def bad_inputs(tmp_path, sources_build):
    _, output = sources_build
    not_utf8 = tmp_path / "latin1.rq"
    not_utf8.write_bytes("SELECT * WHERE { ?s ?p 'café' }".encode("latin-1"))
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is { not turtle", encoding="utf-8")
    empty_gold = tmp_path / "empty-gold"
    empty_gold.mkdir()
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    return {"graph": str(output / "graph.ttl"), "not_utf8": str(not_utf8), "broken": str(broken),
            "empty_gold": str(empty_gold), "a_file": str(a_file), "tmp": str(tmp_path)}


BAD_COMMANDS = {
    "build: no such sources": ["build", "{tmp}/missing", "-o", "{tmp}/out"],
    "build: output under a file": ["build", str(ROOT / "sources"), "-o", "{a_file}/out", "--no-validate"],
    "query: query file not UTF-8": ["query", "{graph}", "--file", "{not_utf8}"],
    "query: broken Turtle": ["query", "{broken}", "SELECT * WHERE {{ ?s ?p ?o }}"],
    "query: broken Turtle, rdflib": ["query", "{broken}", "--engine", "rdflib", "SELECT * WHERE {{ ?s ?p ?o }}"],
    "query: malformed query": ["query", "{graph}", "SELECT WHERE {{"],
    "export: into a folder that does not exist": ["export", "{graph}", "--format", "nt", "-o", "{tmp}/no/such/x.nt"],
    "export: into a path under a file": ["export", "{graph}", "--format", "nt", "-o", "{a_file}/x.nt"],
    "export: broken Turtle": ["export", "{broken}", "--format", "nt", "-o", "{tmp}/x.nt"],
    "validate: broken Turtle": ["validate", "{broken}"],
    "evaluate: broken Turtle": ["evaluate", "{broken}", str(ROOT / "tests" / "gold")],
    "evaluate: empty gold folder": ["evaluate", "{graph}", "{empty_gold}"],
    "evaluate: --json into a folder that does not exist": ["evaluate", "{graph}", str(ROOT / "tests" / "gold"),
                                                          "--json", "{tmp}/no/such/figures.json"],
    "serve: broken Turtle": ["serve", "{broken}", "--port", "0"],
}


@pytest.mark.parametrize("case", BAD_COMMANDS)
def test_every_command_on_bad_input_says_what_is_wrong(bad_inputs, case):
    args = [arg.format(**bad_inputs) for arg in BAD_COMMANDS[case]]
    assert_a_message_not_a_traceback(invoke(*args))


def test_export_makes_no_folders_and_says_so(bad_inputs, tmp_path):
    result = invoke("export", bad_inputs["graph"], "--format", "nt", "-o", str(tmp_path / "no" / "such" / "x.nt"))
    assert_a_message_not_a_traceback(result, "no such folder")
    assert not (tmp_path / "no").exists()


def test_export_to_a_path_that_cannot_be_written_is_a_message(bad_inputs, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # as a folder without write permission does
    result = invoke("export", bad_inputs["graph"], "--format", "nt", "-o", str(tmp_path / "x.nt"))
    assert_a_message_not_a_traceback(result, "Permission denied")


def test_a_query_file_that_is_not_utf8_is_named(bad_inputs):
    result = invoke("query", bad_inputs["graph"], "--file", bad_inputs["not_utf8"])
    assert_a_message_not_a_traceback(result, "latin1.rq", "not UTF-8")
