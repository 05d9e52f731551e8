"""`/sparql` hands its answers to the WSGI server as a file (`wsgi.file_wrapper`), which the server
sends from where the bytes lie, instead of copying them into its own buffers; a compressed answer
stays bytes."""

from __future__ import annotations

import gzip
import json
import os
import uuid
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from flask import Flask
from waitress.buffers import ReadOnlyFileBasedBuffer
from werkzeug.test import EnvironBuilder

from server import memory_release
from server.answer_body import BytesFile, is_server_file

QUERY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 40"


def test_reads_are_views_of_the_bytes_in_order() -> None:
    body = b"0123456789"
    file = BytesFile(body)
    first = file.read(4)
    assert isinstance(first, memoryview) and first.obj is body
    assert bytes(first) == b"0123" and file.tell() == 4
    assert bytes(file.read(100)) == b"456789" and file.tell() == 10
    assert bytes(file.read(4)) == b""


def test_seeks_as_a_file_does() -> None:
    file = BytesFile(b"0123456789")
    assert file.seek(0, os.SEEK_END) == 10
    assert file.seek(-3, os.SEEK_CUR) == 7 and bytes(file.read()) == b"789"
    assert file.seek(2) == 2 and bytes(file.read(2)) == b"23"
    with pytest.raises(ValueError):
        file.seek(-1)
    file.close()
    assert bytes(file.read()) == b""


def _call(app: Flask, headers: dict[str, str]) -> tuple[dict[str, str], Iterable[bytes], dict[str, Any]]:
    """The app behind the web process's own middleware, called as waitress calls it."""
    text = f"{QUERY} # {uuid.uuid4().hex}"
    environ = EnvironBuilder(path="/sparql", query_string={"query": text}, headers=headers).get_environ()
    environ["wsgi.file_wrapper"] = ReadOnlyFileBasedBuffer
    started: dict[str, str] = {}

    def start_response(
        status: str, response_headers: list[tuple[str, str]], exc_info: object = None
    ) -> Callable[..., Any]:
        started.update(response_headers, status=status)
        return lambda data: None

    body = memory_release.trimming_after_slow_requests(app)(environ, start_response)
    return started, body, environ


def _content(body: Iterable[bytes]) -> bytes:
    if isinstance(body, ReadOnlyFileBasedBuffer):
        body.prepare()
        return bytes(body.get(-1))
    return b"".join(body)


def test_an_answer_goes_to_the_server_as_its_file_wrapper_unwrapped(app: Flask) -> None:
    started, body, environ = _call(app, {"Accept": "application/sparql-results+json"})
    assert started["status"] == "200 OK"
    assert isinstance(body, ReadOnlyFileBasedBuffer) and is_server_file(environ, body)
    content = _content(body)
    assert int(started["Content-Length"]) == len(content)
    assert len(json.loads(content)["results"]["bindings"]) == 40
    body.close()


def test_a_compressed_answer_is_bytes_as_before(app: Flask) -> None:
    started, body, environ = _call(app, {"Accept": "application/sparql-results+json", "Accept-Encoding": "gzip"})
    assert started["Content-Encoding"] == "gzip"
    assert not is_server_file(environ, body)
    assert len(json.loads(gzip.decompress(_content(body)))["results"]["bindings"]) == 40
