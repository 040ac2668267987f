"""Persisted queries: a request may name its query by the sha256 hash of the query's text,
`extensions: {"persistedQuery": {"version": 1, "sha256Hash": ...}}`, as Apollo's clients send it (POST, GET and
WebSocket alike).

By default these are Apollo's automatic persisted queries (APQ): a request giving its query and hash has the hash
checked and the query kept; one giving the hash alone runs the kept query, or gets `PersistedQueryNotFound` (HTTP 200,
as Apollo Server answers it), on which clients send the query with its hash. Queries are kept in the process's memory
(each process its own), the least recently used dropped first beyond `STORED_CHARS`.

With trusted documents (`CITEGRAPH_TRUSTED_DOCUMENTS`, a manifest), only the manifest's queries run, named by their
hash or given in full; nothing a request sends is kept."""

import hashlib
import re
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path

import orjson

from citegraph.http_errors import RequestRefused
from citegraph.settings import SettingsError

STORED_CHARS = 8_000_000
"""How much query text one process keeps for APQ, in characters (each query also counts `ENTRY_CHARS`)."""
ENTRY_CHARS = 256
"""What a kept query costs beside its text (its hash, the store's bookkeeping), in characters' worth."""
SHA256 = re.compile(r"[0-9a-f]{64}")
NOT_FOUND_HEADERS = {"Cache-Control": "private, no-cache, must-revalidate"}
"""Sent with `PersistedQueryNotFound`: the same request succeeds once the client has sent the query."""
APOLLO_MANIFEST = "apollo-persisted-query-manifest"
TRUSTED = "(CITEGRAPH_TRUSTED_DOCUMENTS): this server runs only the operations of its manifest"


def sha256(query: str) -> str:
    """The hash clients send for `query`: sha256 of its UTF-8 text, in lowercase hex."""
    return hashlib.sha256(query.encode("utf-8", "surrogatepass")).hexdigest()


class PersistedQueries:
    """The queries requests may name by hash: those sent before (APQ), or with `trusted` only a manifest's."""

    def __init__(self, trusted: Mapping[str, str] | None = None, stored_chars: int = STORED_CHARS) -> None:
        self.trusted = trusted
        self.stored: OrderedDict[str, str] = OrderedDict()
        self.stored_chars = 0
        self.capacity = stored_chars

    def resolve(self, query: str | None, extensions: Mapping[str, object] | None) -> str | None:
        """The query a request runs: its own, or the one its hash names; None if it gives neither. `RequestRefused`
        for a malformed or unknown hash, a hash not its query's, and with trusted documents a query not among them."""
        digest = requested_hash(extensions)
        if self.trusted is not None:
            return self._trusted(self.trusted, query, digest)
        if digest is None:
            return query
        if query is None:
            return self._kept(digest)
        _check(query, digest)
        self._keep(digest, query)
        return query

    def _trusted(self, trusted: Mapping[str, str], query: str | None, digest: str | None) -> str | None:
        if query is None:
            if digest is None:
                return None
            found = trusted.get(digest)
            if found is None:
                message = f"No trusted document has the sha256 hash {digest} {TRUSTED}."
                raise RequestRefused(404, message, code="PERSISTED_QUERY_NOT_IN_LIST")
            return found
        if digest is not None:
            _check(query, digest)
        if (digest or sha256(query)) not in trusted:
            message = f"The query is not one of the trusted documents {TRUSTED}, sent as registered or by its hash."
            raise RequestRefused(403, message, code="QUERY_NOT_IN_SAFELIST")
        return query

    def _kept(self, digest: str) -> str:
        query = self.stored.get(digest)
        if query is None:
            raise RequestRefused(
                200, "PersistedQueryNotFound", code="PERSISTED_QUERY_NOT_FOUND", headers=NOT_FOUND_HEADERS
            )
        self.stored.move_to_end(digest)
        return query

    def _keep(self, digest: str, query: str) -> None:
        if digest in self.stored:
            self.stored.move_to_end(digest)
            return
        if len(query) + ENTRY_CHARS > self.capacity:
            return
        self.stored[digest] = query
        self.stored_chars += len(query) + ENTRY_CHARS
        while self.stored_chars > self.capacity:
            _, dropped = self.stored.popitem(last=False)
            self.stored_chars -= len(dropped) + ENTRY_CHARS


def requested_hash(extensions: Mapping[str, object] | None) -> str | None:
    """The hash of `extensions.persistedQuery`, if given; one that is not version 1 with a sha256 is refused (400)."""
    if not extensions or "persistedQuery" not in extensions:
        return None
    reference = extensions["persistedQuery"]
    if not isinstance(reference, dict):
        raise RequestRefused(400, '`extensions.persistedQuery` must be an object: {"version": 1, "sha256Hash": ...}.')
    version, digest = reference.get("version"), reference.get("sha256Hash")
    if type(version) is not int or version != 1:
        raise RequestRefused(400, f"Unsupported persisted query version {orjson.dumps(version).decode()}: only 1.")
    if not isinstance(digest, str) or not SHA256.fullmatch(digest):
        shown = orjson.dumps(digest).decode()[:80]
        raise RequestRefused(
            400, f"`extensions.persistedQuery.sha256Hash` must be 64 lowercase hex digits, not {shown}."
        )
    return digest


def _check(query: str, digest: str) -> None:
    actual = sha256(query)
    if actual != digest:
        message = (
            f"`extensions.persistedQuery.sha256Hash` is {digest}, but the query's sha256 is {actual}: "
            "the hash must be of the query's UTF-8 text, exactly as sent."
        )
        raise RequestRefused(400, message)


def read_manifest(path: str) -> dict[str, str]:
    """The trusted documents of the manifest at `path`, by hash: a JSON object of sha256 hash -> query (as
    graphql-codegen's persisted documents), or Apollo's persisted query manifest (`{"format":
    "apollo-persisted-query-manifest", "operations": [{"id", "body", ...}]}`). A file that is neither, or a hash
    that is not its query's, is a `SettingsError` naming the file and the fault."""
    where = f"CITEGRAPH_TRUSTED_DOCUMENTS={path}"
    try:
        manifest = orjson.loads(Path(path).read_bytes())
    except OSError as error:
        raise SettingsError(f"{where}: cannot read the file: {error.strerror}") from None
    except orjson.JSONDecodeError as error:
        raise SettingsError(f"{where}: not JSON: {error}") from None
    if isinstance(manifest, dict) and manifest.get("format") == APOLLO_MANIFEST:
        operations = manifest.get("operations")
        if not isinstance(operations, list) or not all(isinstance(op, dict) for op in operations):
            raise SettingsError(f"{where}: an Apollo manifest's `operations` must be a list of objects")
        manifest = {op.get("id"): op.get("body") for op in operations}
    if not isinstance(manifest, dict):
        raise SettingsError(f"{where}: must be a JSON object of sha256 hash -> query, or an Apollo manifest")
    for digest, query in manifest.items():
        if not isinstance(query, str) or sha256(query) != digest:
            raise SettingsError(f"{where}: {str(digest)[:80]!r} is not the sha256 of its query")
    return manifest
