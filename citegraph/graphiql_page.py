"""GraphiQL from the app itself, so that it works with no network: the page browsers get at /graphql and the files it
loads under /graphiql/, built from `graphiql/` by `make graphiql` and committed in `citegraph/graphiql/`."""

from pathlib import Path

from starlette.responses import HTMLResponse
from starlette.routing import Route

from citegraph.pages import Bundle

BUILT = Path(__file__).parent / "graphiql"

GRAPHIQL = Bundle(BUILT / "index.html", BUILT / "static", "graphiql", hashed=True)
"""The page at /graphql finds its assets at `graphiql/<name>`, a relative URL; every name carries a content hash."""


def page() -> HTMLResponse:
    return GRAPHIQL.page()


def asset_route() -> Route:
    return GRAPHIQL.asset_route()
