"""GraphiQL from the app itself, so that it works with no network: the page browsers get at /graphql and the files it
loads under /graphiql/, built from `graphiql/` by `make graphiql` and committed in `citegraph/graphiql/`."""

from functools import cache
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse
from starlette.routing import Route

BUILT = Path(__file__).parent / "graphiql"

MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".ttf": "font/ttf",
    ".txt": "text/plain; charset=utf-8",
}

IMMUTABLE = "public, max-age=31536000, immutable"
"""Every asset's name carries a hash of its content, so a browser may keep it for a year without asking again."""


POLICY = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; "
    "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'"
)
"""The page's Content-Security-Policy: scripts, workers and requests from the app's origin only (no inline script, no
eval); inline styles, which Monaco and React set, and the fonts GraphiQL's style sheet embeds as data: URLs."""


@cache
def page_html() -> str:
    return (BUILT / "index.html").read_text(encoding="utf-8")


@cache
def assets() -> dict[str, Path]:
    """The files the page loads, by name; a name not here is a 404."""
    return {path.name: path for path in (BUILT / "static").iterdir() if path.suffix in MEDIA_TYPES}


def page() -> HTMLResponse:
    """The page, checked again by the browser at each visit (`no-cache`) so that it names the assets of this version,
    under `POLICY`."""
    return HTMLResponse(page_html(), headers={"Cache-Control": "no-cache", "Content-Security-Policy": POLICY})


async def asset(request: Request) -> FileResponse:
    path = assets().get(request.path_params["name"])
    if path is None:
        raise HTTPException(404)
    headers = {"Cache-Control": IMMUTABLE, "X-Content-Type-Options": "nosniff"}
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix], headers=headers)


def asset_route() -> Route:
    """/graphiql/<name>: where the page, served at /graphql, finds its assets (`graphiql/<name>`, a relative URL)."""
    return Route("/graphiql/{name}", asset, methods=["GET", "HEAD"])
