"""GraphiQL in a real headless Chromium (Debian's, driven by Playwright) that may reach nothing but the app: the
README's query, the Docs pane and a live subscription, used as a person would. Each test leaves a screenshot of
its last state in tests/screenshots/. Without Chromium they skip, saying so; CITEGRAPH_TEST_BROWSER=required (CI)
makes them fail instead."""

import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlencode, urlsplit

import httpx
import pytest
from playwright.async_api import ConsoleMessage, Error, Page, Route, WebSocket, async_playwright, expect

from citegraph.app import create_app
from citegraph.settings import Settings
from tests.api.test_readme import example
from tests.api.test_writes import INGEST, envoy_document
from tests.conftest import Served, Tokens

SCREENSHOTS = Path(__file__).parent.parent / "screenshots"
WAIT_MS = 30_000
"""How long a check waits for the page: generous, since two cores may be shared with other work."""

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
"""Root needs --no-sandbox; the rest keep Chromium from calling home, and every host name but the loopback address
resolves to nothing. Playwright gives each launch a fresh profile (user data dir) of its own."""


@dataclass
class Browsing:
    """A page of the served app; what it tried to reach elsewhere (aborted), the WebSockets it opened, and the errors
    its scripts threw or logged (among them whatever the page's Content-Security-Policy refused)."""

    page: Page
    origin: str
    elsewhere: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    async def only_the_app(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or _origin(url) == self.origin:
            await route.continue_()
            return
        self.elsewhere.append(url)
        await route.abort("internetdisconnected")

    def opened(self, websocket: WebSocket) -> None:
        self.websockets.append(websocket.url)

    def threw(self, error: Error) -> None:
        self.errors.append(str(error))

    def logged(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    async def enter_query(self, query: str) -> None:
        """Replace the query editor's text by `query`, pasted: Monaco closes brackets and indents what is typed."""
        await self.page.locator(".graphiql-query-editor").click()
        await self.page.keyboard.press("ControlOrMeta+KeyA")
        await self.page.evaluate(
            """text => {
                const data = new DataTransfer();
                data.setData("text/plain", text);
                const paste = new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true});
                document.activeElement.dispatchEvent(paste);
            }""",
            query,
        )

    async def run(self) -> None:
        await self.page.get_by_role("button", name="Execute query (Ctrl-Enter)").click()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def served(database_url: str, tokens: Tokens) -> Iterator[Served]:
    """The seeded app, whose database holds the `tokens`, served by uvicorn on a loopback port."""
    with Served(create_app(Settings(database_url=database_url))) as served:
        yield served


@pytest.fixture
async def graphiql(chromium: Path, served: Served, request: pytest.FixtureRequest) -> AsyncIterator[Browsing]:
    """GraphiQL open in Chromium at the served app's /graphql, every request (its workers' too) to another origin
    aborted and recorded."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        context = await browser.new_context(viewport={"width": 1400, "height": 900})
        page = await context.new_page()
        browsing = Browsing(page, served.url)
        await context.route("**/*", browsing.only_the_app)
        page.on("websocket", browsing.opened)
        page.on("pageerror", browsing.threw)
        page.on("console", browsing.logged)
        await page.goto(f"{served.url}/graphql")
        await expect(page.get_by_role("button", name="Show Documentation Explorer")).to_be_enabled(timeout=WAIT_MS)
        yield browsing
        SCREENSHOTS.mkdir(exist_ok=True)
        await page.screenshot(path=SCREENSHOTS / f"{request.node.name}.png")
        await browser.close()


async def test_graphiql_answers_the_readme_query_with_no_network_but_the_app(graphiql: Browsing) -> None:
    query, answer = example()
    count = cast(dict[str, Any], answer)["data"]["casualty"]["count"]
    await graphiql.enter_query(query)
    await graphiql.run()
    response = graphiql.page.locator(".graphiql-response")
    await expect(response).to_contain_text(f'"quote": "{count["citations"][0]["quote"]}"', timeout=WAIT_MS)
    await expect(response).to_contain_text(f'"low": {count["low"]}')
    assert graphiql.elsewhere == [] and graphiql.errors == []


async def test_a_query_in_the_address_opens_in_the_editor_and_edits_go_back_there(graphiql: Browsing) -> None:
    page = graphiql.page
    await page.goto(f"{graphiql.origin}/graphql?{urlencode({'q': '{ shared: __typename }'})}")
    await graphiql.run()
    await expect(page.locator(".graphiql-response")).to_contain_text('"shared": "Query"', timeout=WAIT_MS)
    await graphiql.enter_query("{ edited: __typename }")
    await expect(page).to_have_url(re.compile(re.escape(urlencode({"q": "{ edited: __typename }"}))), timeout=WAIT_MS)


async def test_the_docs_pane_shows_a_types_documentation(graphiql: Browsing, served: Served) -> None:
    async with httpx.AsyncClient(base_url=served.url) as http:
        body = (await http.post("/graphql", json={"query": '{ __type(name: "Casualty") { description } }'})).json()
    description = body["data"]["__type"]["description"]
    page = graphiql.page
    await page.get_by_role("button", name="Show Documentation Explorer").click()
    docs = page.locator(".graphiql-doc-explorer")
    await docs.get_by_text("Query", exact=True).click()
    await docs.get_by_text("casualty", exact=True).click()
    await docs.get_by_text("Casualty", exact=True).click()
    await expect(docs.locator(".graphiql-doc-explorer-title")).to_have_text("Casualty", timeout=WAIT_MS)
    await expect(docs).to_contain_text(description)


async def test_a_subscription_receives_a_change_after_a_write_through_the_api(
    graphiql: Browsing, served: Served, tokens: Tokens
) -> None:
    async with httpx.AsyncClient(base_url=served.url) as http:
        cursor = await end_of_feed(http)
        await graphiql.enter_query(f'subscription Feed {{ factChanged(after: "{cursor}") {{ actor kind }} }}')
        # GraphiQL sends a subscription over the WebSocket once it has parsed the edited query, a moment after the
        # edit; then its tab takes the operation's name.
        await expect(graphiql.page.get_by_role("tab", name="Feed")).to_be_visible(timeout=WAIT_MS)
        await graphiql.run()
        written = await http.post(
            "/graphql",
            json={"query": INGEST, "variables": {"document": envoy_document()}},
            headers={"Authorization": f"Bearer {tokens.editor}"},
        )
    assert written.json()["data"]["ingest"]["__typename"] == "Ingested"
    response = graphiql.page.locator(".graphiql-response")
    await expect(response).to_contain_text('"actor": "desk-editor"', timeout=WAIT_MS)
    await expect(response).to_contain_text('"kind": "ADDED"')
    assert graphiql.websockets == [re.sub(r"^http", "ws", f"{served.url}/graphql")]


async def end_of_feed(http: httpx.AsyncClient) -> str:
    """The change feed's last cursor: a subscription started after it misses nothing written later."""
    query = "query ($after: String) { changes(first: 100, after: $after) { pageInfo { endCursor hasNextPage } } }"
    cursor = None
    while True:
        page = (await http.post("/graphql", json={"query": query, "variables": {"after": cursor}})).json()
        info = page["data"]["changes"]["pageInfo"]
        cursor = info["endCursor"] or cursor
        if not info["hasNextPage"]:
            assert cursor is not None
            return str(cursor)
