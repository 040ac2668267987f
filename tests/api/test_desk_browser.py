"""The desk (/desk) in a real headless Chromium that may reach nothing but the app, as in the GraphiQL tests: the seed
article's cited spans, fact cards by click and by keyboard, an entity's page and timeline, the change feed (live over
the page's WebSocket, polled when the socket fails), the proposals panel, and screenshots at 1280x800 and at a
phone's 375 px in tests/screenshots/desk/."""

import json
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Locator, Page, Route, WebSocket, WebSocketRoute, async_playwright, expect

from citegraph.app import create_app
from citegraph.settings import Settings
from tests.api.test_graphiql_browser import CHROMIUM_ARGS, SCREENSHOTS, WAIT_MS, Browsing
from tests.api.test_writes import INGEST, envoy_document
from tests.conftest import GraphQLClient, Served, Tokens

SHOTS = SCREENSHOTS / "desk"
SEED_SPANS = 100
"""The seed article's cited spans number over a hundred (313 citations over 152 spans when this was written)."""


@dataclass
class DeskBrowsing(Browsing):
    """The desk's page, and the frames its WebSockets received."""

    frames: list[str] = field(default_factory=list)

    def listened(self, websocket: WebSocket) -> None:
        self.opened(websocket)
        websocket.on("framereceived", lambda payload: self.frames.append(str(payload)))


@pytest.fixture
def desk_app(database_url: str, tokens: Tokens) -> Iterator[Served]:
    """The seeded app, whose database holds the `tokens`, served by uvicorn on a loopback port."""
    with Served(create_app(Settings(database_url=database_url))) as served:
        yield served


@pytest.fixture
async def desk(chromium: Path, desk_app: Served, request: pytest.FixtureRequest) -> AsyncIterator[DeskBrowsing]:
    """The desk open in Chromium at 1280x800 on the seed article, every request to another origin aborted and
    recorded; no script error nor request elsewhere by the end of the test."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        context = await browser.new_context(viewport={"width": 1280, "height": 800})
        page = await context.new_page()
        browsing = DeskBrowsing(page, desk_app.url)
        await context.route("**/*", browsing.only_the_app)
        page.on("websocket", browsing.listened)
        page.on("pageerror", browsing.threw)
        page.on("console", browsing.logged)
        await page.goto(f"{desk_app.url}/desk")
        await expect(page.locator("mark.span").first).to_be_visible(timeout=WAIT_MS)
        yield browsing
        SHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=SHOTS / f"{request.node.name}.png")
        await browser.close()
        assert browsing.elsewhere == []
        assert browsing.errors == []


def card(page: Page) -> Locator:
    return page.get_by_role("dialog")


async def test_the_seed_article_shows_its_cited_spans_at_desk_and_phone_widths(desk: Browsing) -> None:
    page = desk.page
    assert await page.locator("mark.span").count() > SEED_SPANS
    assert await page.locator("mark.span[tabindex='0']").count() > SEED_SPANS // 2
    await expect(page.locator("#source-text")).to_contain_text("United States forces killed at least 55")
    await expect(page.locator(".legend")).to_contain_text("Count / casualty")
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=SHOTS / "desk-1280x800.png")
    await page.set_viewport_size({"width": 375, "height": 800})
    await expect(page.locator("mark.span").first).to_be_visible()
    assert await page.evaluate("document.documentElement.scrollWidth") <= 375
    await page.screenshot(path=SHOTS / "desk-375.png", full_page=True)


async def test_a_click_on_a_span_opens_the_card_of_every_fact_covering_it(desk: Browsing) -> None:
    page = desk.page
    span = page.locator("mark.span", has_text=re.compile(r"^at least 55$")).first
    facts = int(await span.get_attribute("data-facts") or 0)
    await span.click()
    dialog = card(page)
    await expect(dialog).to_be_visible(timeout=WAIT_MS)
    await expect(dialog.locator(".fact")).to_have_count(facts, timeout=WAIT_MS)
    await expect(dialog).to_contain_text("Casualty · count")
    await expect(dialog.locator(".quote").first).to_contain_text("at least 55")
    await expect(dialog.locator(".line").first).to_contain_text("maduro-raid-article")
    await page.keyboard.press("Escape")
    await expect(dialog).to_be_hidden()


async def test_spans_are_reached_in_order_by_keyboard_and_enter_opens_the_card(desk: Browsing) -> None:
    page = desk.page
    first = page.locator("mark.span[tabindex='0']").first
    await first.focus()
    await page.keyboard.press("Tab")
    focused = page.locator("mark.span:focus")
    await expect(focused).to_have_count(1)
    assert int(await focused.get_attribute("data-start") or 0) > int(await first.get_attribute("data-start") or 0)
    start = await focused.get_attribute("data-start")
    await page.keyboard.press("Enter")
    dialog = card(page)
    await expect(dialog.locator(".quote").first).to_be_visible(timeout=WAIT_MS)
    await page.keyboard.press("Escape")
    await expect(dialog).to_be_hidden()
    await expect(page.locator("mark.span:focus")).to_have_attribute("data-start", start or "")


async def test_an_entity_page_lists_its_facts_and_its_events_by_date(desk: Browsing) -> None:
    page = desk.page
    await page.locator("mark.span", has_text="Nicolás Maduro").first.click()
    link = card(page).locator("a.entity-link", has_text="Nicolás Maduro").first
    await expect(link).to_be_visible(timeout=WAIT_MS)
    await page.goto(f"{desk.origin}/desk#/entity/{'Person:nicolas-maduro'}")
    await expect(page.locator("#entity-title")).to_have_text("Person: Nicolás Maduro", timeout=WAIT_MS)
    dates = await page.locator(".timeline time").all_inner_texts()
    assert len(dates) >= 2 and dates == sorted(dates)
    await expect(page.locator(".timeline")).to_contain_text("Maduro and Flores appear in a New York court")
    await expect(page.locator(".entity .quote").first).to_contain_text("Maduro")
    await page.locator(".timeline a", has_text="appear in a New York court").click()
    await expect(page.locator("#entity-title")).to_contain_text("Event: Maduro and Flores", timeout=WAIT_MS)


async def write_as_editor(origin: str, tokens: Tokens) -> None:
    async with httpx.AsyncClient(base_url=origin) as http:
        written = await http.post(
            "/graphql",
            json={"query": INGEST, "variables": {"document": envoy_document()}},
            headers={"Authorization": f"Bearer {tokens.editor}"},
        )
    assert written.json()["data"]["ingest"]["__typename"] == "Ingested"


async def test_the_change_feed_strip_moves_after_a_write_through_the_subscription(
    desk: DeskBrowsing, tokens: Tokens
) -> None:
    feed = desk.page.locator("#feed")
    await expect(feed).to_have_attribute("data-mode", "live", timeout=WAIT_MS)
    await write_as_editor(desk.origin, tokens)
    await expect(feed.locator(".change").first).to_contain_text("by desk-editor", timeout=WAIT_MS)
    assert desk.websockets == [re.sub(r"^http", "ws", f"{desk.origin}/graphql")]
    pushed = [json.loads(frame) for frame in desk.frames if '"factChanged"' in frame]
    assert pushed and {f["payload"]["data"]["factChanged"]["actor"] for f in pushed} == {"desk-editor"}
    await expect(feed).to_have_attribute("data-mode", "live")


async def test_the_change_feed_strip_polls_when_the_socket_closes(desk: DeskBrowsing, tokens: Tokens) -> None:
    page = desk.page

    async def refuse(websocket: WebSocketRoute) -> None:
        await websocket.close(code=1011, reason="refused by the test")

    await page.route_web_socket(re.compile(r"/graphql$"), refuse)
    await page.reload()
    feed = page.locator("#feed")
    await expect(feed).to_have_attribute("data-mode", "polling", timeout=WAIT_MS)
    await write_as_editor(desk.origin, tokens)
    await expect(feed.locator(".change").first).to_contain_text("by desk-editor", timeout=WAIT_MS)


async def test_a_proposal_is_accepted_and_another_rejected_with_one_click_each(desk: Browsing, tokens: Tokens) -> None:
    page = desk.page
    await page.locator("#token").fill(tokens.editor)
    await page.get_by_role("button", name="Propose").click()
    proposals = page.locator("#proposals .proposal")
    await expect(proposals.first).to_be_visible(timeout=WAIT_MS)
    before = await proposals.count()
    await proposals.first.get_by_role("button", name="Accept").click()
    await expect(page.locator("#proposals .status")).to_contain_text("Accepted", timeout=WAIT_MS)
    await expect(page.locator("#feed .change").first).to_be_visible(timeout=WAIT_MS)
    await expect(proposals).to_have_count(before - 1, timeout=WAIT_MS)
    if before > 1:
        await proposals.first.get_by_role("button", name="Reject").click()
        await expect(page.locator("#proposals .status")).to_contain_text("Rejected", timeout=WAIT_MS)
        await expect(proposals).to_have_count(before - 2, timeout=WAIT_MS)


async def test_a_proposal_with_a_gap_is_accepted_once_its_field_is_filled(desk: Browsing, tokens: Tokens) -> None:
    page = desk.page
    await page.locator("#token").fill(tokens.editor)
    await page.get_by_role("button", name="Propose").click()
    count = page.locator(
        "#proposals .proposal", has=page.locator("blockquote", has_text=re.compile("^14 journalists$"))
    )
    await expect(count).to_have_count(1, timeout=WAIT_MS)
    await count.get_by_role("button", name="Accept").click()
    await expect(page.locator("#proposals .status.error")).to_contain_text("casualties[0].id", timeout=WAIT_MS)
    await count.get_by_label("Value for casualties[0].id").fill("journalists-detained-parliament")
    await count.get_by_role("button", name="Accept").click()
    await expect(page.locator("#proposals .status")).to_contain_text("Accepted", timeout=WAIT_MS)
    await expect(count).to_have_count(0, timeout=WAIT_MS)


async def test_proposals_need_the_token_in_the_field(desk: Browsing) -> None:
    page = desk.page
    await page.locator("#token").fill("not-a-token")
    await page.get_by_role("button", name="Propose").click()
    await expect(page.locator("#proposals .status.error")).to_be_visible(timeout=WAIT_MS)


async def test_a_disputed_count_shows_its_rivals_side_by_side_and_its_range(
    fire_reports: GraphQLClient, desk: Browsing
) -> None:
    page = desk.page
    await page.goto(f"{desk.origin}/desk#/source/Source:harbour-gazette")
    span = page.get_by_role("button", name=re.compile("^twelve workers were killed: ")).first
    await expect(span).to_be_visible(timeout=WAIT_MS)
    await span.click()
    count = card(page).locator(".fact", has_text="Casualty · count").first
    await expect(count).to_contain_text("exactly 12", timeout=WAIT_MS)
    await expect(count.locator(".badge.disputed")).to_be_visible()
    await expect(count.locator(".badge.contested")).to_be_visible()
    await expect(count.locator(".rival")).to_have_count(2)
    await expect(count.locator(".rival.held")).to_contain_text("exactly 12")
    await expect(count.locator(".rival.rank-normal")).to_contain_text("at least 14")
    await expect(count.locator(".range")).to_contain_text("12\u2013no upper bound")


async def test_an_entity_page_shows_the_history_of_a_corrected_title(
    fire_reports: GraphQLClient, desk: Browsing
) -> None:
    page = desk.page
    await page.goto(f"{desk.origin}/desk#/entity/Event:plant-fire")
    title = page.locator("#entity-title")
    await expect(title).to_have_text("Event: Fire at the Lindqvist textile plant", timeout=WAIT_MS)
    await page.locator(".entity details.history-block summary").click()
    history = page.locator(".entity .history")
    await expect(history).to_contain_text("Fire at the Lindqvist plant")
    await expect(history).to_contain_text("chief")


@dataclass
class StandInProposals:
    """The proposals API of the contract (issue 16) answered in the browser, in front of a server that lacks it: the
    page's own introspection gains `Query.proposals`, and the proposals' queries and mutations are answered here,
    under `token` only; every other request goes on to the app."""

    token: str
    pending: list[dict[str, Any]] = field(default_factory=list)
    decided: list[tuple[str, str, str | None]] = field(default_factory=list)

    def proposal(self, number: int) -> dict[str, Any]:
        return {
            "id": f"Proposal:{number}",
            "kind": "CASUALTY",
            "status": "PROPOSED",
            "confidence": 0.8,
            "quote": f"quote {number}",
            "start": 0,
            "end": 7,
            "summary": f"summary {number}",
            "gaps": [],
            "facts": {"persons": []},
        }

    async def answer(self, route: Route) -> None:
        body = route.request.post_data_json or {}
        query = str(body.get("query", ""))
        variables = body.get("variables") or {}
        allowed = route.request.headers.get("authorization") == f"Bearer {self.token}"
        if "__schema" in query:
            response = await route.fetch()
            data = await response.json()
            [query_type] = [t for t in data["data"]["__schema"]["types"] if t["name"] == "Query"]
            query_type["fields"].append({"name": "proposals", "args": [], "type": {"kind": "LIST", "name": None}})
            await route.fulfill(response=response, json=data)
        elif query.startswith("query Proposals"):
            await route.fulfill(json={"data": {"proposals": {"edges": [{"node": p} for p in self.pending]}}})
        elif query.startswith("mutation "):
            name = query.split()[1].split("(")[0]
            await route.fulfill(json={"data": {"result": self.decide(name, variables, allowed)}})
        else:
            await route.fallback()

    def decide(self, name: str, variables: dict[str, Any], allowed: bool) -> dict[str, Any]:
        if not allowed:
            return {"__typename": "Unauthorized", "message": "a valid editor token is required"}
        if name == "Propose":
            self.pending += [self.proposal(n) for n in (1, 2, 3)]
            return {"__typename": "Proposed", "created": 3}
        self.pending = [p for p in self.pending if p["id"] != variables["id"]]
        self.decided.append((name, variables["id"], variables.get("reason")))
        if name == "Accept":
            status = {"id": variables["id"], "status": "ACCEPTED"}
            return {"__typename": "ProposalAccepted", "proposal": status, "ingested": {"added": 2}}
        return {"__typename": "ProposalRejected", "proposal": {"id": variables["id"], "status": "REJECTED"}}


async def test_the_proposals_panel_follows_the_contract_against_a_stand_in_api(desk: Browsing, tokens: Tokens) -> None:
    stand_in = StandInProposals(tokens.editor)
    page = desk.page
    await page.route("**/graphql", stand_in.answer)
    await page.reload()
    panel = page.locator("#proposals")
    await expect(panel.get_by_role("button", name="Propose")).to_be_visible(timeout=WAIT_MS)
    await panel.get_by_role("button", name="Propose").click()
    await expect(panel.locator(".status.error")).to_contain_text("a valid editor token is required", timeout=WAIT_MS)
    await panel.locator("#token").fill(tokens.editor)
    await panel.get_by_role("button", name="Propose").click()
    proposals = panel.locator(".proposal")
    await expect(proposals).to_have_count(3, timeout=WAIT_MS)
    await expect(proposals.first).to_contain_text("quote 1")
    await expect(proposals.first).to_contain_text("80%")
    await proposals.first.get_by_role("button", name="Accept").click()
    await expect(panel.locator(".status")).to_have_text("Accepted: 2 added.", timeout=WAIT_MS)
    await expect(proposals).to_have_count(2)
    await proposals.first.get_by_role("button", name="Reject").click()
    await expect(panel.locator(".status")).to_have_text("Rejected.", timeout=WAIT_MS)
    await expect(proposals).to_have_count(1)
    assert stand_in.decided == [("Accept", "Proposal:1", None), ("Reject", "Proposal:2", "rejected at the desk")]
    await page.reload()
    await expect(page.locator("#token")).to_have_value(tokens.editor, timeout=WAIT_MS)


async def test_a_card_and_an_entity_page_fit_a_phone_with_no_horizontal_scroll(desk: Browsing) -> None:
    page = desk.page
    await page.set_viewport_size({"width": 375, "height": 800})
    await page.locator("mark.span[tabindex='0']").nth(3).click()
    await expect(card(page).locator(".quote").first).to_be_visible(timeout=WAIT_MS)
    assert await page.evaluate("document.documentElement.scrollWidth") <= 375
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=SHOTS / "desk-375-card.png")
    await page.keyboard.press("Escape")
    await page.goto(f"{desk.origin}/desk#/entity/Person:nicolas-maduro")
    await expect(page.locator(".timeline li").first).to_be_visible(timeout=WAIT_MS)
    assert await page.evaluate("document.documentElement.scrollWidth") <= 375
    await page.screenshot(path=SHOTS / "desk-375-entity.png")
