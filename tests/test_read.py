from __future__ import annotations

from pathlib import Path

from graphbuild.read import ReadError, read_sources


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def test_reads_every_text_file_recursively_in_a_stable_order(tmp_path):
    write(tmp_path / "b.txt", "دوم".encode())
    write(tmp_path / "a" / "c.txt", "سوم".encode())
    write(tmp_path / "a.txt", "اول".encode())
    write(tmp_path / ".hidden.txt", b"x")
    found = list(read_sources(tmp_path))
    assert [s.identifier for s in found] == ["a.txt", "a/c.txt", "b.txt"]


def test_utf8_with_and_without_bom(tmp_path):
    write(tmp_path / "bom.txt", "\ufeffحزب".encode("utf-8"))
    write(tmp_path / "plain.txt", "حزب".encode("utf-8"))
    texts = {s.identifier: s.text for s in read_sources(tmp_path)}
    assert texts == {"bom.txt": "حزب", "plain.txt": "حزب"}


def test_line_ends_are_kept_as_on_disk(tmp_path):
    write(tmp_path / "crlf.txt", "یک\r\nدو".encode())
    assert next(read_sources(tmp_path)).text == "یک\r\nدو"


def test_a_file_that_is_not_text_is_named_and_the_rest_is_read(tmp_path):
    write(tmp_path / "good.txt", "حزب".encode())
    write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path / "latin1.txt", "café".encode("latin-1"))
    write(tmp_path / "empty.txt", b"")
    found = list(read_sources(tmp_path))
    errors = {e.identifier: e.problem for e in found if isinstance(e, ReadError)}
    assert [s.identifier for s in found if not isinstance(s, ReadError)] == ["good.txt"]
    assert "binary" in errors["image.png"]
    assert "not UTF-8" in errors["latin1.txt"]
    assert "empty" in errors["empty.txt"]
    assert str(ReadError("image.png", "skipped: x")).startswith("image.png:")


def test_catalogue_gives_metadata_and_is_not_a_document(tmp_path):
    write(tmp_path / "a.txt", "حزب".encode())
    write(tmp_path / "catalogue.csv", "file,title,date\na.txt,عنوان,2019\n".encode())
    (source,) = list(read_sources(tmp_path))
    assert source.metadata == {"title": "عنوان", "date": "2019"}


def test_a_catalogue_without_a_file_column_is_reported(tmp_path):
    write(tmp_path / "a.txt", "حزب".encode())
    write(tmp_path / "catalogue.csv", b"name,title\na.txt,x\n")
    found = list(read_sources(tmp_path))
    assert isinstance(found[0], ReadError) and "file" in found[0].problem
    assert found[1].identifier == "a.txt"
