"""A private Virtuoso server on loopback, for the remote-store tests and the benchmark.

`VirtuosoServer(folder)` writes its own `virtuoso.ini` (database, HTTP and ISQL
ports on free loopback ports, `DirsAllowed` limited to the folder, few
threads), starts `virtuoso-t +foreground`, waits until HTTP answers and stops
the server on `stop()`. Writes go through `/sparql-auth` (HTTP digest) with the
dba account, reads through the anonymous `/sparql`.

`virtuoso_unavailable()` says why Virtuoso cannot run here, or returns None.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from ports import free_port

VIRTUOSO = "virtuoso-t"
ISQL = "isql-vt"
DBA_USER = "dba"
DBA_PASSWORD = "dba"
INSTALL_HINT = "run scripts/install-virtuoso.sh (apt-get install virtuoso-opensource-7)"


def virtuoso_unavailable() -> str | None:
    """None when `virtuoso-t` and `isql-vt` are installed, else the reason they cannot be used."""
    missing = [name for name in (VIRTUOSO, ISQL) if shutil.which(name) is None]
    if missing:
        return f"{' and '.join(missing)} not found on PATH; {INSTALL_HINT}"
    return None


_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{isql_port}
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 8
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
AllowOSCalls = 0
DirsAllowed = ., {dirs_allowed}
ThreadCleanupInterval = 0
ThreadThreshold = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize = 100000
SingleCPU = 0
MaxMemPoolSize = 200000000
MaxQueryMem = 1G
MaxSortedTopRows = 1000000
VectorSize = 1000
MaxVectorSize = 1000000
AdjustVectorSize = 0
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty_buffers}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}/www
MaxClientConnections = 8
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
ServerThreads = 8
MaxKeepAlives = 8
KeepAliveTimeout = 10
HTTPThreadSize = 280000
Charset = UTF-8
EnabledGzipContent = 0

[Client]
SQL_PREFETCH_ROWS = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT = 0
SQL_TXN_TIMEOUT = 0

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 300
DeferInferenceRulesInit = 0
"""


class VirtuosoServer:
    """One Virtuoso process with its own database in `folder`; use as a context manager."""

    def __init__(
        self,
        folder: Path,
        *,
        memory_gb: float = 1.0,
        max_rows: int = 1_000_000,
        dirs_allowed: tuple[Path, ...] = (),
    ) -> None:
        self.folder = Path(folder)
        self.dirs_allowed = ", ".join(str(Path(d).resolve()) for d in (self.folder, *dirs_allowed))
        self.http_port = free_port()
        self.isql_port = free_port()
        # Virtuoso's rule of thumb: 85,000 buffers (8 KB pages) per GB of memory it may use.
        self.buffers = max(10_000, int(85_000 * memory_gb))
        self.max_rows = max_rows
        self._process: subprocess.Popen[bytes] | None = None

    # -- addresses

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def query_url(self) -> str:
        """The anonymous SPARQL endpoint (read-only for anonymous users)."""
        return f"{self.base}/sparql"

    @property
    def update_url(self) -> str:
        """The SPARQL endpoint with HTTP digest authentication (dba may update)."""
        return f"{self.base}/sparql-auth"

    @property
    def gsp_url(self) -> str:
        """The SPARQL 1.1 Graph Store HTTP Protocol endpoint with digest authentication."""
        return f"{self.base}/sparql-graph-crud-auth"

    @property
    def log_path(self) -> Path:
        return self.folder / "db" / "virtuoso.log"

    # -- life cycle

    def start(self, timeout: float = 90.0) -> VirtuosoServer:
        reason = virtuoso_unavailable()
        if reason is not None:
            raise RuntimeError(reason)
        database = self.folder / "db"
        database.mkdir(parents=True, exist_ok=True)
        (self.folder / "www").mkdir(exist_ok=True)
        ini = self.folder / "virtuoso.ini"
        ini.write_text(
            _INI.format(
                db=database,
                folder=self.folder,
                dirs_allowed=self.dirs_allowed,
                isql_port=self.isql_port,
                http_port=self.http_port,
                buffers=self.buffers,
                dirty_buffers=self.buffers * 3 // 4,
                max_rows=self.max_rows,
            ),
            encoding="utf-8",
        )
        with open(self.folder / "stdout.log", "wb") as output:
            self._process = subprocess.Popen(
                [VIRTUOSO, "+foreground", "+configfile", str(ini)],
                cwd=self.folder,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self._wait_for_http(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_for_http(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        url = f"{self.query_url}?query=ASK%7B%7D"
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"virtuoso-t exited with {self._process.returncode}:\n{self._log_tail()}"
                )
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                time.sleep(0.25)
        raise RuntimeError(
            f"Virtuoso did not answer on {url} within {timeout:.0f} s:\n{self._log_tail()}"
        )

    def _log_tail(self) -> str:
        lines: list[str] = []
        for path in (self.folder / "stdout.log", self.log_path):
            with contextlib.suppress(OSError):
                lines.extend(path.read_text(encoding="utf-8", errors="replace").splitlines()[-15:])
        return "\n".join(lines)

    def isql(self, sql: str, timeout: float = 600.0) -> str:
        """Run SQL through `isql-vt` as dba; raises with Virtuoso's message on an error."""
        script = sql if sql.rstrip().endswith(";") else sql + ";"
        result = subprocess.run(
            [
                ISQL,
                f"127.0.0.1:{self.isql_port}",
                DBA_USER,
                DBA_PASSWORD,
                "VERBOSE=OFF",
                "BANNER=OFF",
                "PROMPT=OFF",
                "ECHO=OFF",
                "ERRORS=STDOUT",
            ],
            input=script + "\nEXIT;\n",
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        output = result.stdout + result.stderr
        if result.returncode != 0 or "*** Error" in output:
            raise RuntimeError(f"isql-vt failed on {sql[:200]!r}:\n{output}")
        return output

    def bulk_load(self, folder: Path, pattern: str = "*.nq") -> None:
        """Load RDF files with Virtuoso's bulk loader (`ld_dir`, `rdf_loader_run`)."""
        self.isql(
            f"ld_dir('{Path(folder).resolve()}', '{pattern}', 'urn:councilgraph:bench:default');\n"
            "rdf_loader_run();\ncheckpoint;"
        )

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, 15)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, 9)
            process.wait(timeout=10)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def __enter__(self) -> VirtuosoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
