"""gunicorn's access log, without what must not be written down.

gunicorn logs each request line as it came. Some carry what the log must not keep:
- admin searches put patients' mobile numbers in the query string (`/admin/directory/enquiry/?q=%2B9198...`),
  and admin redirects and referrers repeat them (`next=...`);
- `/my-enquiry/<token>/` is a patient's private link: the token opens her enquiry.

This logger class (named in gunicorn.conf.py, which gunicorn reads from the working directory) rewrites
every atom that carries a path or URL (the request line, path, query, referrer, redirect location): a
private token becomes `[token]`, and the query string of an admin or private-link URL becomes
`[removed]`. Everything else in the log stays as gunicorn writes it. (Django's own log lines, such as
"Not Found: <path>", are written by portal/logging.py, not here.)
"""

import re
from urllib.parse import unquote, urlsplit, urlunsplit

from gunicorn.glogging import Logger

PRIVATE_LINK = re.compile(r"(/my-enquiry/)[^/?#]+")
PLACEHOLDER = "[token]"
REMOVED = "[removed]"
# Atoms that hold a request target or a URL, as gunicorn names them (environ "e", request "i" and
# response "o" headers lower-cased).
URL_ATOMS = ("f", "{raw_uri}e", "{request_uri}e", "{http_referer}e", "{referer}i", "{location}o")


def _private(path: str) -> bool:
    return path.startswith("/admin/") or bool(PRIVATE_LINK.search(path))


def safe_path(path: str) -> str:
    """A path as it may be logged: a private link's token replaced. Percent-escapes are read the way
    Django routes the path, so an escaped token is caught too."""
    if PRIVATE_LINK.search(unquote(path)):
        return PRIVATE_LINK.sub(rf"\g<1>{PLACEHOLDER}", unquote(path))
    return path


def safe_target(target: str) -> str:
    """A request target (`/path?query`) as it may be logged."""
    path, mark, query = target.partition("?")
    if mark and _private(unquote(path)):
        query = REMOVED
    return safe_path(path) + mark + query


def safe_url(url: str) -> str:
    """A URL as it may be logged (a request target, or a full URL as in Referer or Location)."""
    if not url or url == "-":
        return url
    if url.startswith("/") and not url.startswith("//"):
        return safe_target(url)
    parts = urlsplit(url)
    query = REMOVED if parts.query and _private(unquote(parts.path)) else parts.query
    return urlunsplit(parts._replace(path=safe_path(parts.path), query=query))


class SanitisingLogger(Logger):
    """gunicorn's Logger, with the request line, path, query, referrer and location made safe."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        target = safe_url(environ.get("RAW_URI") or "")
        atoms["r"] = f"{environ.get('REQUEST_METHOD')} {target} {environ.get('SERVER_PROTOCOL')}"
        path = environ.get("PATH_INFO") or ""
        atoms["U"] = safe_path(path)
        if atoms.get("q") and _private(path):
            atoms["q"] = REMOVED
        if atoms.get("{query_string}e") and _private(path):
            atoms["{query_string}e"] = REMOVED
        if atoms.get("{path_info}e"):
            atoms["{path_info}e"] = atoms["U"]
        for key in URL_ATOMS:
            if isinstance(atoms.get(key), str):
                atoms[key] = safe_url(atoms[key])
        return atoms
