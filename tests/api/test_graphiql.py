"""GraphiQL over HTTP: our own page at /graphql, every file it loads served by the app under /graphiql/ with its
content type and a year's cache, and no other host to load anything from."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from citegraph.settings import Settings
from tests.conftest import serve

BROWSER = {"Accept": "text/html"}
NPM_PACKAGE = Path(__file__).parent.parent.parent / "graphiql" / "package.json"
"""What the bundle is built from (`make graphiql`): its dependencies, each at an exact version."""

TEXT_ONLY_HOSTS = {
    "www.w3.org",
    "json-schema.org",
    "github.com",
    "code.visualstudio.com",
    "microsoft.com",
    "react.dev",
    "prettier.io",
    "yarnpkg.com",
    "www.onegraph.com",
    "en.wikipedia.org",
    "commonmark.org",
}
"""Hosts the bundled code names only in messages, documentation links and XML or JSON Schema identifiers, never as
somewhere to load from (each mention read when the bundle was built). A host not listed fails the test: read where
the new bundle names it before adding it. The browser test sees that nothing but the app's own origin is asked."""

CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")
ABSOLUTE_URL = re.compile(r"""\b(?:https?|wss?):(?://|\\/\\/)([^/\\"'`\s)$]*)""")


class PageLinks(HTMLParser):
    """The URLs a page loads: scripts, style sheets, links and the web workers its container names."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name in ("src", "href") or name.endswith("-worker")):
                self.urls.append(value)


async def page_and_assets(http: httpx.AsyncClient) -> tuple[httpx.Response, dict[str, httpx.Response]]:
    """The page and every file it names or its style sheets name, by URL path, each fetched from the app."""
    page = await http.get("/graphql", headers=BROWSER)
    links = PageLinks()
    links.feed(page.text)
    pending = [urljoin(str(page.url), url) for url in links.urls if not url.startswith("data:")]
    assets: dict[str, httpx.Response] = {}
    while pending:
        url = pending.pop()
        response = await http.get(url)
        assets[urlsplit(url).path] = response
        if urlsplit(url).path.endswith(".css"):
            pending += [urljoin(url, ref) for ref in CSS_URL.findall(response.text) if not ref.startswith("data:")]
    return page, assets


async def test_the_page_loads_every_file_from_the_app_itself(http: httpx.AsyncClient) -> None:
    page, assets = await page_and_assets(http)
    assert page.status_code == 200 and page.headers["content-type"] == "text/html; charset=utf-8"
    assert not ABSOLUTE_URL.findall(page.text), "the page must name its files by relative URLs only"
    assert all(path.startswith("/graphiql/") for path in assets), sorted(assets)
    assert {path.rsplit(".", 1)[1] for path in assets} == {"js", "css", "ttf", "txt"}
    assert all(response.status_code == 200 for response in assets.values())


async def test_the_page_is_checked_again_at_each_visit(http: httpx.AsyncClient) -> None:
    page = await http.get("/graphql", headers=BROWSER)
    assert page.headers["cache-control"] == "no-cache"


async def test_the_page_runs_only_scripts_of_the_apps_origin(http: httpx.AsyncClient) -> None:
    page = await http.get("/graphql", headers=BROWSER)
    policy = dict(rule.strip().split(" ", 1) for rule in page.headers["content-security-policy"].split(";"))
    assert policy["default-src"] == "'self'" and "script-src" not in policy
    assert policy["connect-src"] == policy["worker-src"] == "'self'"


async def test_each_asset_has_its_content_type_and_is_kept_a_year(http: httpx.AsyncClient) -> None:
    _, assets = await page_and_assets(http)
    types = {path.rsplit(".", 1)[1]: response.headers["content-type"] for path, response in assets.items()}
    assert types == {
        "js": "text/javascript; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "ttf": "font/ttf",
        "txt": "text/plain; charset=utf-8",
    }
    for response in assets.values():
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert response.headers["x-content-type-options"] == "nosniff"


async def test_asset_names_carry_a_hash_of_their_content(http: httpx.AsyncClient) -> None:
    _, assets = await page_and_assets(http)
    assert all(re.fullmatch(r"/graphiql/[\w.]+-[A-Z0-9]{8}\.\w+", path) for path in assets), sorted(assets)


async def test_the_assets_name_no_host_to_load_from(http: httpx.AsyncClient) -> None:
    _, assets = await page_and_assets(http)
    code = [response.text for path, response in assets.items() if path.endswith((".js", ".css"))]
    hosts = {host for text in code for host in ABSOLUTE_URL.findall(text)}
    assert hosts - TEXT_ONLY_HOSTS - {""} == set()


async def test_the_page_names_the_licences_of_the_pinned_packages_it_bundles(http: httpx.AsyncClient) -> None:
    _, assets = await page_and_assets(http)
    [licences] = [response.text for path, response in assets.items() if path.endswith(".txt")]
    pinned = json.loads(NPM_PACKAGE.read_text(encoding="utf-8"))["dependencies"]
    assert pinned and all(f"\n{name} {version} (MIT)\n" in licences for name, version in pinned.items())


async def test_an_unknown_asset_is_not_found(http: httpx.AsyncClient) -> None:
    assert (await http.get("/graphiql/graphiql-00000000.js")).status_code == 404
    assert (await http.get("/graphiql/..%2Findex.html")).status_code == 404


async def test_with_graphiql_switched_off_no_asset_is_served(database_url: str, http: httpx.AsyncClient) -> None:
    _, assets = await page_and_assets(http)
    async with serve(Settings(database_url=database_url, seed_on_start=False, graphiql=False)) as off:
        assert {(await off.get(path)).status_code for path in assets} == {404}
