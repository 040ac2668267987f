"""Pages the app serves from files committed in the package (GraphiQL, the desk), so that they work with no network:
each an HTML page under a same-origin Content-Security-Policy, and the files it loads from one folder."""

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse
from starlette.routing import Route

MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".ttf": "font/ttf",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
}

IMMUTABLE = "public, max-age=31536000, immutable"
"""For assets whose names carry a hash of their content: a browser may keep them for a year without asking again."""

POLICY = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; "
    "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'"
)
"""The pages' Content-Security-Policy: scripts, workers and requests from the app's origin only (no inline script, no
eval); inline styles, which Monaco and React set, and the fonts GraphiQL's style sheet embeds as data: URLs. A
WebSocket to the app's own origin is 'self' for connect-src."""


@dataclass(frozen=True)
class Bundle:
    """A page (`index`) and the assets in `assets_dir`, served at `/<prefix>/<name>`; `hashed` when the assets' names
    change with their content, so that browsers may keep them (otherwise they ask again at each visit)."""

    index: Path
    assets_dir: Path
    prefix: str
    hashed: bool

    @cached_property
    def html(self) -> str:
        return self.index.read_text(encoding="utf-8")

    @cached_property
    def assets(self) -> dict[str, Path]:
        """The files the page loads, by name; a name not here is a 404."""
        return {path.name: path for path in self.assets_dir.iterdir() if path.suffix in MEDIA_TYPES}

    def page(self) -> HTMLResponse:
        """The page, checked again by the browser at each visit (`no-cache`) so that it names the assets of this
        version, under `POLICY`."""
        return HTMLResponse(self.html, headers={"Cache-Control": "no-cache", "Content-Security-Policy": POLICY})

    async def asset(self, request: Request) -> FileResponse:
        path = self.assets.get(request.path_params["name"])
        if path is None:
            raise HTTPException(404)
        headers = {"Cache-Control": IMMUTABLE if self.hashed else "no-cache", "X-Content-Type-Options": "nosniff"}
        return FileResponse(path, media_type=MEDIA_TYPES[path.suffix], headers=headers)

    def asset_route(self) -> Route:
        return Route(f"/{self.prefix}/{{name}}", self.asset, methods=["GET", "HEAD"])
