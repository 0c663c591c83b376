"""Jinja2 adapter: the BIP site (``render.bip_context.Site``) to files, as bytes by path.

Every page is rendered with autoescaping; document bodies go through ``render.html`` (pandoc,
allow-list sanitiser), pandoc in a few runs for all pages (``render.html_batch``). The result
depends on nothing but its inputs: no clock, no machine paths, a stable order, so the same
commit gives the same bytes.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable
from pathlib import PurePosixPath
from urllib.parse import unquote

import jinja2
from markupsafe import Markup

from qms_cli.errors import QmsError
from qms_cli.model.typography import polish_text
from qms_cli.render import bip_context
from qms_cli.render.bip_context import Page, Site
from qms_cli.render.html import ID_PREFIX, body_source, rebuild, sanitise
from qms_cli.render.html_batch import pandoc_html_many
from qms_cli.resources import data_path

STATIC = ("bip.css", "szukaj.js")
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})  # never SVG: it can script
ASSETS = "zalaczniki"

# repository path -> bytes, None when absent; a QmsError when the file may not be published
ReadAsset = Callable[[str], bytes | None]
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def environment() -> jinja2.Environment:
    """Jinja2 over ``templates/bip`` (the BIP site and the ``qms compare`` page): autoescaped,
    strict about undefined names, with the ``pl`` filter (Polish typography)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_path("templates") / "bip")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pl"] = lambda value: polish_text(str(value))
    return env


def render_site(site: Site, read_asset: ReadAsset) -> dict[str, bytes]:
    """Every file of the site: pages, stylesheet, script, and the images documents use."""
    env = environment()
    files: dict[str, bytes] = {}
    static = data_path("templates") / "bip" / "static"
    for name in STATIC:
        files[name] = (static / name).read_bytes()
    sources = [
        None if page.body is None or page.source is None else body_source(page.body, page.title)
        for page in site.pages
    ]
    converted = iter(pandoc_html_many([s for s in sources if s is not None]))
    for page, source in zip(site.pages, sources, strict=True):
        raw = None if source is None else next(converted)
        body, images = _body(page, raw, site, read_asset)
        files.update(images)
        html = env.get_template(page.template).render(
            site=site, page=page, body=body, pages=bip_context
        )
        files[page.path] = html.encode("utf-8")
    return dict(sorted(files.items()))


def _body(
    page: Page, raw: str | None, site: Site, read_asset: ReadAsset
) -> tuple[Markup | None, dict[str, bytes]]:
    """The page's body (``raw``: pandoc's HTML of it) made safe, with the images it shows."""
    if raw is None or page.source is None:
        return None, {}
    images: dict[str, bytes] = {}
    folder = posixpath.dirname(page.source)

    def link_target(href: str) -> str | None:
        target, _, fragment = href.partition("#")
        doc_id = PurePosixPath(target).name.removesuffix(".md").removesuffix(".html")
        page_href = site.published.get(doc_id)
        if page_href is None:
            return None
        return f"{page_href}#{ID_PREFIX}{fragment}" if fragment else page_href

    def image_src(src: str) -> str | None:
        if _SCHEME.match(src):
            return None
        written = unquote(src.partition("?")[0])
        path = written.lstrip("/") if written.startswith("/") else posixpath.join(folder, written)
        suffix = PurePosixPath(path).suffix.lower()
        if suffix not in IMAGE_SUFFIXES:
            return None
        try:
            data = read_asset(path)  # refuses anything outside documents/ or not an image
        except QmsError as error:
            raise QmsError(
                f"obraz „{src}” {error.message} — nie publikuje się go w BIP",
                hint=error.hint,
                path=page.source,
            ) from None
        if data is None:
            return None
        name = f"{ASSETS}/{hashlib.blake2b(data, digest_size=10).hexdigest()}{suffix}"
        images[name] = data
        return name

    top = 3 if page.template == "service_card.html" else 2
    fragment = rebuild(sanitise(raw), link_target=link_target, image_src=image_src, top_level=top)
    return Markup(fragment.html), images
