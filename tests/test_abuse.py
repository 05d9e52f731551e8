"""The endpoint and the pages under abuse, in process and over real HTTP.

What `test_sparql_safety.py` already shows (updates, plain SERVICE, remote
FROM, the runaway query, the row limit) is not repeated; this file tries the
ways around those guards, oversized requests through the real HTTP server,
path traversal on the wire, hostile page parameters and reflected markup.
"""

from __future__ import annotations

import contextlib
import http.client
import http.server
import json
import socket
import threading
import urllib.parse
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from councilgraph.settings import Settings
from councilgraph.store import LocalStore

JSON = {"Accept": "application/sparql-results+json"}
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
MARKER = "answered-by-a-remote-endpoint"
IDENTIFIERS = "SELECT ?id WHERE { ?m <http://purl.org/dc/terms/identifier> ?id }"
SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy")


# ------------------------------------------------------------------ SERVICE in disguise


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the handler API
        self._answer()

    def do_POST(self) -> None:  # noqa: N802
        self._answer()

    def _answer(self) -> None:
        self.hits.append(self.path)
        body = json.dumps(
            {
                "head": {"vars": ["s", "p", "o"]},
                "results": {"bindings": [{v: {"type": "literal", "value": MARKER} for v in "spo"}]},
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@pytest.fixture(scope="module")
def remote() -> Iterator[tuple[str, list[str]]]:
    """A SPARQL endpoint on this machine that records every request made to it."""
    hits: list[str] = []
    handler = type("Recorder", (_Recorder,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", hits
    finally:
        server.shutdown()
        server.server_close()


def _disguised_service_queries(base: str) -> list[tuple[str, str]]:
    endpoint = base + "sparql"
    return [
        ("plain", f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}"),
        ("keyword-glued-to-a-prefixed-name", f"PREFIX : <{base}> SELECT * WHERE {{ SERVICE:sparql {{ ?s ?p ?o }} }}"),
        (
            "escaped-hash-in-a-local-name",
            "PREFIX ex: <http://example.org/> SELECT * WHERE { OPTIONAL { ?s ex:a\\#b ?o } "
            f"SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        ),
        (
            "less-than-read-as-an-iri",
            f'SELECT * WHERE {{ FILTER(1<2)#>"""\n  SERVICE <{endpoint}> {{ ?s ?p ?o }}\n#"""\n}}',
        ),
        ("lower-case-silent", f"select * where {{ service silent <{endpoint}> {{ ?s ?p ?o }} }}"),
        ("inside-optional", f"SELECT * WHERE {{ OPTIONAL {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }} }}"),
    ]


CASE_NAMES = [name for name, _ in _disguised_service_queries("http://x/")]


@pytest.mark.parametrize("case", CASE_NAMES)
def test_service_in_disguise_is_refused_and_nothing_is_fetched(
    client: FlaskClient, remote: tuple[str, list[str]], case: str
) -> None:
    base, hits = remote
    query = dict(_disguised_service_queries(base))[case]
    hits.clear()
    response = client.get("/sparql", query_string={"query": query}, headers=JSON)
    assert hits == [], f"the server fetched {hits} from another endpoint"
    assert MARKER.encode() not in response.data
    assert response.status_code == 400, response.data[:300]


def test_the_recording_endpoint_records(remote: tuple[str, list[str]]) -> None:
    """The control for the test above: a request to the recorder is seen."""
    import urllib.request

    base, hits = remote
    hits.clear()
    with urllib.request.urlopen(base + "sparql?query=ASK%7B%7D", timeout=5) as response:
        assert MARKER in response.read().decode()
    assert hits == ["/sparql?query=ASK%7B%7D"]


# ------------------------------------------------------------------ the row limit, evaded


@pytest.fixture(scope="module")
def capped_app(sample_settings: Settings, sample_store: LocalStore) -> Iterator[Flask]:
    from server import create_app

    app = create_app(sample_settings.with_(row_limit=4, query_workers=1), store=sample_store)
    yield app
    pool = app.extensions["councilgraph"].extras.get("query_pool")
    if pool is not None:
        pool.close()


@pytest.fixture
def capped(capped_app: Flask) -> FlaskClient:
    return capped_app.test_client()


@pytest.mark.parametrize(
    "query",
    [
        IDENTIFIERS + " LIMIT 100000",
        IDENTIFIERS + " OFFSET 0 LIMIT 100000",
        IDENTIFIERS.replace("}", 'FILTER(1<2)#>"""\n}') + ' LIMIT 100000 #"""',
        IDENTIFIERS.replace("}", "FILTER(1<2)#>'''\n}") + " LIMIT 100000 #'''",
        IDENTIFIERS + " limit 100000 # LIMIT 2",
        IDENTIFIERS + " LIMIT 1e5",
    ],
    ids=["plain", "with-offset", "hidden-by-a-fake-iri", "hidden-by-a-fake-iri-single-quotes", "lower-case", "float"],
)
def test_a_huge_limit_is_capped_however_it_is_written(capped: FlaskClient, query: str) -> None:
    response = capped.get("/sparql", query_string={"query": query}, headers=JSON)
    if response.status_code == 400:  # refusing a query the endpoint cannot cap is fine too
        return
    assert response.status_code == 200, response.data[:300]
    rows = json.loads(response.data)["results"]["bindings"]
    assert len(rows) <= 4, f"{len(rows)} rows came back past a row limit of 4"
    assert response.headers.get("X-SPARQL-Truncated") == "true"


def test_a_huge_construct_is_capped(capped: FlaskClient) -> None:
    response = capped.get(
        "/sparql",
        query_string={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1000000"},
        headers={"Accept": "application/n-triples"},
    )
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        triples = [line for line in response.data.decode().splitlines() if line.strip()]
        assert len(triples) <= 4, f"{len(triples)} triples came back past a row limit of 4"


# ------------------------------------------------------------------ page parameters


@pytest.mark.parametrize("path", ["/motions", "/actors", "/doc/city/halle-saale"])
@pytest.mark.parametrize(
    "page",
    ["²", "١٢", "1" * 5000, "-1", "0", "1.5", "1e3", " 1", "0x10", "\x00"],
    ids=[
        "superscript",
        "arabic-digits",
        "5000-digits",
        "negative",
        "zero",
        "decimal",
        "exponent",
        "space",
        "hex",
        "nul",
    ],
)
def test_hostile_page_numbers_are_a_400_never_a_500(client: FlaskClient, path: str, page: str) -> None:
    response = client.get(path, query_string={"page": page}, headers=BROWSER)
    assert response.status_code in (200, 400), (path, page, response.status_code)
    if page != "١٢":  # Arabic-Indic digits are digits; reading them as 12 is fine
        assert response.status_code == 400


def test_deep_paging_is_capped_not_computed(client: FlaskClient) -> None:
    deep = client.get("/motions", query_string={"page": "9" * 30}, headers=BROWSER)
    assert deep.status_code in (200, 400)
    if deep.status_code == 200:
        rows = BeautifulSoup(deep.data, "html.parser").select("main table tbody tr")
        assert rows == []


@pytest.mark.parametrize("year", ["²⁰²¹", "２０２１", "99999", "20x1", "-2021"])
def test_hostile_year_filters_are_a_400(client: FlaskClient, year: str) -> None:
    response = client.get("/motions", query_string={"year": year}, headers=BROWSER)
    assert response.status_code in (200, 400)
    if year != "２０２１":  # full-width digits may be read as 2021
        assert response.status_code == 400


# ------------------------------------------------------------------ reflected markup

HOSTILE = "</textarea></title><script>alert(1)</script><img src=x onerror=alert(2)>"


def _assert_inert(body: str, what: str) -> None:
    soup = BeautifulSoup(body, "html.parser")
    for script in soup.find_all("script"):
        assert script.get("src") or script.get("type") == "application/ld+json", f"{what}: inline script"
        assert "alert" not in (script.string or ""), what
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], f"{what}: {tag}"
    assert "alert(1)" in soup.get_text(), f"{what}: the text itself should still be shown"


@pytest.mark.parametrize(
    ("what", "path", "params"),
    [
        ("query echoed on the query page", "/sparql", {"query": f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT 1 # {HOSTILE}"}),
        ("result literal on the query page", "/sparql", {"query": f'SELECT ?x WHERE {{ BIND("{HOSTILE}" AS ?x) }}'}),
        ("parser error on the query page", "/sparql", {"query": f"SELECT {HOSTILE}"}),
        ("search terms", "/search", {"q": HOSTILE[:190]}),
        ("unknown path on a 404 page", "/doc/motion/x/" + urllib.parse.quote(HOSTILE, safe=""), {}),
        ("unknown example query", "/queries/" + urllib.parse.quote(HOSTILE, safe=""), {}),
    ],
)
def test_hostile_text_in_requests_is_shown_as_text(
    client: FlaskClient, what: str, path: str, params: dict[str, str]
) -> None:
    response = client.get(path, query_string=params, headers=BROWSER)
    assert response.mimetype == "text/html", (what, response.status_code, response.mimetype)
    body = response.get_data(as_text=True)
    if "alert(1)" not in body:  # some pages do not echo the input at all; that is safe too
        return
    _assert_inert(body, what)


# ------------------------------------------------------------------ over real HTTP


def _address(live_server: str) -> tuple[str, int]:
    parts = urlsplit(live_server)
    return parts.hostname or "127.0.0.1", parts.port or 80


def _raw(live_server: str, head: bytes, body: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    """Send a request as bytes; read the answer even if the server stops reading our body."""
    with socket.create_connection(_address(live_server), timeout=20) as sock:
        sock.sendall(head)
        with contextlib.suppress(OSError):  # the server may answer and close before reading all
            sock.sendall(body)
        data = b""
        try:
            while chunk := sock.recv(65536):
                data += chunk
        except ConnectionResetError:
            pass
    head_part, _, payload = data.partition(b"\r\n\r\n")
    lines = head_part.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return status, headers, payload


TEN_MB = 10 * 1024 * 1024


def _big_query() -> bytes:
    return b'ASK { ?s ?p "' + b"x" * TEN_MB + b'" }'


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/sparql-query", _big_query),
        ("application/x-www-form-urlencoded", lambda: b"query=" + urllib.parse.quote_from_bytes(_big_query()).encode()),
    ],
    ids=["direct", "form"],
)
def test_a_ten_megabyte_query_is_refused_with_413_over_http(live_server: str, content_type: str, body: object) -> None:
    payload = body()  # type: ignore[operator]
    head = (
        f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(payload)}\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
    ).encode()
    status, _, _ = _raw(live_server, head, payload)
    assert status == 413
    host, port = _address(live_server)
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.request("GET", "/sparql?query=ASK%7B%7D", headers=JSON)
    assert connection.getresponse().status == 200  # still serving
    connection.close()


def test_a_chunked_ten_megabyte_query_is_refused_with_413(live_server: str) -> None:
    chunk = b"x" * (1024 * 1024)
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(10)) + b"0\r\n\r\n"
    head = (
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
        b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    status, _, _ = _raw(live_server, head, body)
    assert status == 413


def test_an_ordinary_client_sending_ten_megabytes_reads_a_413_with_the_security_headers(live_server: str) -> None:
    """What a script with `requests` or `urllib` sees: it sends the whole body, then reads."""
    host, port = _address(live_server)
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request(
            "POST",
            "/sparql",
            body=_big_query(),
            headers={"Content-Type": "application/sparql-query", "Accept": "application/json"},
        )
        response = connection.getresponse()
    except (ConnectionResetError, BrokenPipeError) as error:
        pytest.fail(f"the client never saw an answer, only {error!r}")
    finally:
        pass
    body = response.read()
    connection.close()
    assert response.status == 413
    headers = {k.lower(): v for k, v in response.getheaders()}
    for name in SECURITY_HEADERS:
        assert name in headers, f"the 413 has no {name}"
    assert json.loads(body)["status"] == 413


TRAVERSALS = [
    "/dumps/../store/CURRENT",
    "/dumps/../../../../etc/passwd",
    "/dumps/..%2f..%2fstore%2fCURRENT",
    "/dumps/%2e%2e/%2e%2e/etc/passwd",
    "/dumps/%252e%252e/%252e%252e/etc/passwd",
    "/dumps/..\\..\\etc\\passwd",
    "/dumps/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/dumps/councilgraph.nt.gz%00.txt",
    "/dumps/cities/../../../etc/passwd",
    "/doc/../../etc/passwd",
    "/doc/%2e%2e/%2e%2e/etc/passwd",
    "/doc/motion/..%2f..%2f..%2fetc%2fpasswd",
    "/doc/..;/..;/etc/passwd",
    "/doc/document/..%2f..%2f..%2fetc%2fpasswd.ttl",
    "/static/../../councilgraph/settings.py",
    "/static/%2e%2e/%2e%2e/councilgraph/settings.py",
    "/static/..%2f..%2fcouncilgraph%2fsettings.py",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_on_the_wire_is_404(live_server: str, path: str) -> None:
    """Sent byte for byte, so no client library tidies the path first."""
    head = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\nConnection: close\r\n\r\n".encode()
    status, headers, body = _raw(live_server, head)
    assert status == 404, (path, status)
    assert b"root:" not in body and b"snapshot" not in body.lower() and b"Settings" not in body
    for name in SECURITY_HEADERS:
        assert name in headers


@pytest.mark.parametrize("path", ["/dumps//etc/passwd", "/doc//evil.example/x", "/id//evil.example/x"])
def test_doubled_slashes_redirect_only_to_this_site(live_server: str, path: str) -> None:
    head = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
    status, headers, _ = _raw(live_server, head)
    if status in (301, 302, 303, 307, 308):
        target = urlsplit(headers["location"])
        assert target.netloc in ("", "127.0.0.1", f"127.0.0.1:{_address(live_server)[1]}"), headers["location"]
        assert not headers["location"].startswith("//")
        follow = f"GET {target.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        status, _, body = _raw(live_server, follow)
        assert b"root:" not in body
    assert status == 404
