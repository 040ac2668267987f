"""The desk at /desk: a source's text with its cited spans, fact cards, entity pages and proposals, built on the public
GraphQL API only; plain HTML, CSS and ES modules committed in `citegraph/desk/`, loaded from /desk/<name>."""

from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from citegraph.pages import Bundle
from citegraph.settings import Settings

FILES = Path(__file__).parent / "desk"

DESK = Bundle(FILES / "index.html", FILES / "static", "desk", hashed=False)
"""Its assets keep their names across versions, so browsers ask again at each visit (`no-cache`)."""
VENDORED = Bundle(FILES / "index.html", FILES / "static" / "vendor", "desk/vendor", hashed=False)
"""Third-party files the desk loads, committed as published (static/vendor/README.md says which versions)."""


async def desk(request: Request) -> HTMLResponse:
    return DESK.page()


def desk_routes() -> list[Route]:
    return [Route("/desk", desk, methods=["GET", "HEAD"]), DESK.asset_route(), VENDORED.asset_route()]


def desk_works(settings: Settings) -> bool:
    """The desk builds its queries from the schema at run time: it needs introspection, and any query to run (no
    trusted-documents manifest). Otherwise it is not served at all rather than served broken."""
    return settings.introspection and settings.trusted_documents is None
