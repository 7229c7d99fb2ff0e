"""Security headers on every response, the Host allow-list, the request body limit, CORS (closed
unless configured) and the admin token check.

The middlewares are plain ASGI so that they also cover streaming responses and the errors they
produce themselves, and so that a request is refused before any route parses it.
"""

from __future__ import annotations

import hmac
import json

from fastapi import FastAPI, HTTPException
from fastapi.middleware.cors import CORSMiddleware
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain.settings import Settings

# No 'unsafe-inline' anywhere: the page loads app.js/app.css from /static and nothing else.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Chromium shows a PDF through a plugin; `object-src 'none'` would block its own viewer.
PDF_CONTENT_SECURITY_POLICY = "default-src 'none'; object-src 'self'; frame-ancestors 'none'"

_COMMON_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


def security_headers(path: str) -> dict[str, str]:
    headers = dict(_COMMON_HEADERS)
    headers["content-security-policy"] = CONTENT_SECURITY_POLICY
    # Answers echo the question; nothing under /api belongs in a shared cache.
    if path.startswith("/api/"):
        headers["cache-control"] = "no-store"
    return headers


class SecurityHeadersMiddleware:
    """Adds the headers unless a route set its own (the PDF route brings its own CSP)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = security_headers(scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                present = {name.decode("latin-1").lower() for name, _ in raw}
                raw += [(k.encode("latin-1"), v.encode("latin-1")) for k, v in extra.items() if k not in present]
                message = {**message, "headers": raw}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _send_json(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}, ensure_ascii=False).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    """Refuses request bodies over `limit` bytes with 413, whether announced by Content-Length or not."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        too_large = f"Die Anfrage ist zu groß (höchstens {self.limit} Bytes)."
        length = headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                await _send_json(send, 400, "Ungültiger Content-Length-Header.")
                return
            if int(length) > self.limit:
                await _send_json(send, 413, too_large)
                return
        elif "chunked" not in headers.get("transfer-encoding", "").lower():
            await self.app(scope, receive, send)  # no body at all
            return
        # A chunked body (or a lying client) is read up to the limit before the route sees it.
        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > self.limit:
                await _send_json(send, 413, too_large)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        buffered: Message | None = {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        async def replay() -> Message:
            nonlocal buffered
            if buffered is not None:
                message, buffered = buffered, None
                return message
            return await receive()  # later calls wait for the disconnect, as usual

        await self.app(scope, replay, send)


# Names a browser uses for this machine. Another name means a proxy or a DNS-rebinding page: a
# hostile site that points its own name at 127.0.0.1 to read the service with the user's browser.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def _host_name(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):  # [::1]:8000
        return value[1 : value.find("]")] if "]" in value else value
    name, _, port = value.rpartition(":")
    return (name if name and port.isdigit() else value).rstrip(".")


def host_allowed(value: str | None, allowed: tuple[str, ...]) -> bool:
    """Exact names, or `*.example.org` for any subdomain of example.org."""
    if not value:
        return False
    name = _host_name(value)
    for pattern in allowed:
        pattern = pattern.strip().lower().rstrip(".")
        if pattern == name or (pattern.startswith("*.") and name.endswith(pattern[1:])):
            return True
    return False


class HostAllowListMiddleware:
    """Answers only requests whose Host header names this service; others get 400."""

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]) -> None:
        self.app = app
        self.allowed = tuple(LOOPBACK_HOSTS) + tuple(allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = Headers(scope=scope).get("host")
        if not host_allowed(host, self.allowed):
            shown = (host or "")[:80]
            await _send_json(
                send,
                400,
                f"Unbekannter Host „{shown}“: Dieser Dienst antwortet nur unter den eingestellten Namen "
                "(LEITBILD_ALLOWED_HOSTS).",
            )
            return
        await self.app(scope, receive, send)


def check_admin_token(configured: str | None, authorization: str | None) -> None:
    """Raises 403 when admin calls are off, 401 when the Bearer token is missing or wrong."""
    if not configured:
        raise HTTPException(403, detail="Admin-Aufrufe sind abgeschaltet: LEITBILD_ADMIN_TOKEN ist nicht gesetzt.")
    scheme, _, given = (authorization or "").partition(" ")
    # compare_digest: the time taken must not reveal how much of the token was right.
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), configured.encode()):
        raise HTTPException(
            401, detail="Fehlendes oder falsches Admin-Token.", headers={"WWW-Authenticate": 'Bearer realm="admin"'}
        )


def install(app: FastAPI, settings: Settings) -> None:
    """Order matters: the last middleware added is the outermost, so headers cover the 413, the
    Host refusal and CORS too, and a wrong Host is refused before the body is read."""
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes)
    if settings.allowed_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.allowed_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Authorization"],
            max_age=600,
        )
    app.add_middleware(HostAllowListMiddleware, allowed=tuple(settings.allowed_hosts))
    app.add_middleware(SecurityHeadersMiddleware)
