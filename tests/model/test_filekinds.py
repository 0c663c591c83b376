"""What a file name promises and whether an image's first bytes keep it."""

from __future__ import annotations

import pytest

from qms_cli.model.filekinds import content_matches, content_problem, kind_of


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("a.png", b"\x89PNG\r\n\x1a\n...."),
        ("a.JPG", b"\xff\xd8\xff\xe0"),
        ("a.jpeg", b"\xff\xd8\xff\xdb"),
        ("a.gif", b"GIF89a"),
        ("a.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 "),
        ("a.pdf", b"%PDF-1.7"),
        ("a.svg", b"\xef\xbb\xbf  <svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("a.svg", b'<?xml version="1.0"?>\n<!-- x > y -->\n<!DOCTYPE svg>\n<svg/>'),
        ("a.md", b"anything"),
    ],
)
def test_content_that_matches(name: str, head: bytes) -> None:
    assert content_matches(name, head)


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("a.png", b"---\nid: P-02\n---\n"),
        ("a.jpg", b"\x89PNG\r\n\x1a\n"),
        ("a.webp", b"RIFF\x10\x00\x00\x00WAVE"),
        ("a.svg", b"<html><svg/></html>"),
        ("a.svg", b"<!-- never closed <svg/>"),
        ("a.pdf", b""),
    ],
)
def test_content_that_does_not_match(name: str, head: bytes) -> None:
    assert not content_matches(name, head)


def test_problem_names_the_format() -> None:
    assert content_problem("x.jpeg", b"text") == "zawartość nie jest w formacie JPEG"
    assert content_problem("x.png", b"\x89PNG\r\n\x1a\n") is None


def test_kinds() -> None:
    assert kind_of("a.PNG") == kind_of("b.svg") == "obraz"
    assert kind_of("a.yml") == kind_of("b.yaml") == "YAML"
    assert kind_of("Makefile") == "plik bez rozszerzenia"
    assert kind_of("x.txt") == ".txt"
