"""The desk over HTTP: its page at /desk under the same-origin policy, and every module it imports served by the app
under /desk/ with its content type, asked again at each visit, naming no other host; the vendored graphql-ws client
is the pinned npm package's browser build, byte for byte."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest

from citegraph.desk_page import FILES
from citegraph.settings import Settings
from tests.api.test_graphiql import ABSOLUTE_URL, BROWSER
from tests.conftest import serve

IMPORT = re.compile(r"""^import\s+(?:[^;"]*?from\s+)?"([^"]+)";""", re.MULTILINE)
"""A module's static imports, those for their side effects only (`import "./vendor/x.js";`) among them."""
VENDOR = FILES / "static" / "vendor"
CLIENTS = Path(__file__).parents[1] / "clients"


class Loaded(HTMLParser):
    """The URLs a page loads from the app (scripts, style sheets), not those it links to nor data: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        url = found.get("src") if tag == "script" else found.get("href") if tag == "link" else None
        if url and not url.startswith("data:"):
            self.urls.append(url)


async def desk_and_assets(http: httpx.AsyncClient) -> tuple[httpx.Response, dict[str, httpx.Response]]:
    """The page and every file it names or its modules import, by URL path, each fetched from the app."""
    page = await http.get("/desk", headers=BROWSER)
    links = Loaded()
    links.feed(page.text)
    pending = [urljoin(str(page.url), url) for url in links.urls]
    assets: dict[str, httpx.Response] = {}
    while pending:
        url = pending.pop()
        if urlsplit(url).path in assets:
            continue
        response = await http.get(url)
        assets[urlsplit(url).path] = response
        if url.endswith(".js"):
            pending += [urljoin(url, ref) for ref in IMPORT.findall(response.text)]
    return page, assets


async def test_the_desk_loads_every_module_from_the_app_itself(http: httpx.AsyncClient) -> None:
    page, assets = await desk_and_assets(http)
    assert page.status_code == 200 and page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["cache-control"] == "no-cache"
    assert all(path.startswith("/desk/") for path in assets), sorted(assets)
    assert {"/desk/main.js", "/desk/desk.css", "/desk/api.js", "/desk/proposals.js"} <= set(assets)
    assert "/desk/vendor/graphql-ws.min.js" in assets
    for response in assets.values():
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-cache"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert not ABSOLUTE_URL.findall(response.text), response.url


async def test_the_desk_runs_under_the_same_origin_policy(http: httpx.AsyncClient) -> None:
    page = await http.get("/desk", headers=BROWSER)
    policy = dict(rule.strip().split(" ", 1) for rule in page.headers["content-security-policy"].split(";"))
    assert policy["default-src"] == policy["connect-src"] == "'self'" and "script-src" not in policy


async def test_each_desk_asset_has_its_content_type(http: httpx.AsyncClient) -> None:
    _, assets = await desk_and_assets(http)
    types = {path.rsplit(".", 1)[1]: response.headers["content-type"] for path, response in assets.items()}
    assert types == {"js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8"}


async def test_an_unknown_desk_asset_is_not_found(http: httpx.AsyncClient) -> None:
    assert (await http.get("/desk/nothing.js")).status_code == 404
    assert (await http.get("/desk/..%2Findex.html")).status_code == 404


async def test_without_introspection_the_desk_is_not_served(database_url: str, http: httpx.AsyncClient) -> None:
    _, assets = await desk_and_assets(http)
    async with serve(Settings(database_url=database_url, seed_on_start=False, introspection=False)) as off:
        assert {(await off.get(path)).status_code for path in ["/desk", *assets]} == {404}


def pinned_graphql_ws() -> tuple[Path, str]:
    """The npm package graphql-ws as `make clients` installs it, and the version package-lock.json pins."""
    lock = json.loads((CLIENTS / "package-lock.json").read_text(encoding="utf-8"))
    version: str = lock["packages"]["node_modules/graphql-ws"]["version"]
    package = CLIENTS / "node_modules" / "graphql-ws"
    if not package.is_dir():
        pytest.skip("tests/clients/node_modules is absent: `make clients` installs the pinned graphql-ws")
    assert json.loads((package / "package.json").read_text(encoding="utf-8"))["version"] == version
    return package, version


def test_the_vendored_graphql_ws_is_the_pinned_packages_browser_build() -> None:
    package, _ = pinned_graphql_ws()
    assert (VENDOR / "graphql-ws.min.js").read_bytes() == (package / "umd" / "graphql-ws.min.js").read_bytes()


def test_the_vendored_graphql_ws_comes_with_its_license() -> None:
    package, _ = pinned_graphql_ws()
    assert (VENDOR / "graphql-ws.LICENSE.md").read_bytes() == (package / "LICENSE.md").read_bytes()


def test_the_vendor_note_names_the_pinned_version_and_its_integrity() -> None:
    lock = json.loads((CLIENTS / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/graphql-ws"]
    note = (VENDOR / "README.md").read_text(encoding="utf-8")
    assert f"graphql-ws](https://github.com/enisdenjo/graphql-ws) **{pinned['version']}**" in note
    assert pinned["integrity"] in note
