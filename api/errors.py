"""Every error leaves as JSON `{"detail": "<German message>"}`, with the security headers.

Validation errors keep FastAPI's 422 but say in German which field is wrong and why; the
English pydantic messages would mean nothing to the people using the chat.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.security import security_headers

log = logging.getLogger("leitbild.api")

_STATUS_TEXT = {
    400: "Ungültige Anfrage.",
    401: "Anmeldung erforderlich.",
    403: "Keine Berechtigung.",
    404: "Nicht gefunden.",
    405: "Diese Methode ist hier nicht erlaubt.",
    413: "Die Anfrage ist zu groß.",
    415: "Nicht unterstützter Inhaltstyp.",
    422: "Die Anfrage ist ungültig.",
    503: "Der Dienst ist nicht bereit.",
}


def _field(loc: tuple) -> str:
    parts = [str(p) for p in loc if p != "body"]
    path = ""
    for part in parts:
        path += f"[{part}]" if part.isdigit() else (f".{part}" if path else part)
    return path or "Anfragekörper"


# pydantic's error types with a message of their own, whatever the field.
_MESSAGES = {
    "json_invalid": "ist kein gültiges JSON",
    "missing": "fehlt",
    "extra_forbidden": "ist kein bekanntes Feld",
    "string_type": "muss ein Text sein",
    "string_unicode": "enthält ungültige Unicode-Zeichen",  # a lone surrogate, which length limits cannot count
    "list_type": "muss eine Liste sein",
    "int_type": "muss eine ganze Zahl sein",
    "int_parsing": "muss eine ganze Zahl sein",
    "int_from_float": "muss eine ganze Zahl sein",
    "model_attributes_type": "muss ein JSON-Objekt sein",
    "dict_type": "muss ein JSON-Objekt sein",
    "model_type": "muss ein JSON-Objekt sein",
}


def _message(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    if kind == "greater_than_equal":
        return f"muss mindestens {ctx.get('ge')} sein"
    if kind == "less_than_equal":
        return f"darf höchstens {ctx.get('le')} sein"
    if kind == "literal_error":
        return f"muss einer dieser Werte sein: {str(ctx.get('expected', '')).replace(' or ', ' oder ')}"
    if kind == "string_too_long":
        return f"ist zu lang (höchstens {ctx.get('max_length')} Zeichen)"
    if kind == "value_error":  # our own validators raise ValueError with a German message
        return str(ctx.get("error", "hat einen ungültigen Wert"))
    if kind == "too_long":
        return f"hat zu viele Einträge (höchstens {ctx.get('max_length')})"
    return "hat einen ungültigen Wert"


def german_validation_detail(errors: list[dict]) -> str:
    if any(e.get("type") == "json_invalid" for e in errors):
        return "Der Anfragekörper ist kein gültiges JSON."
    shown = [f"{_field(tuple(e.get('loc', ())))} {_message(e)}" for e in errors[:5]]
    more = f" (und {len(errors) - 5} weitere Fehler)" if len(errors) > 5 else ""
    return "Ungültige Anfrage: " + "; ".join(shown) + more + "."


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        if any(e.get("type") == "json_invalid" for e in errors):
            # The location of a JSON syntax error is a character offset, not a field.
            return JSONResponse({"detail": german_validation_detail(errors)}, status_code=422)
        body = {
            "detail": german_validation_detail(errors),
            "errors": [{"field": _field(tuple(e.get("loc", ()))), "problem": _message(e)} for e in errors[:20]],
        }
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail
        if exc.status_code == 400 and detail == FASTAPI_BODY_ERROR:
            detail = body_error_detail(exc.__cause__)
        # Starlette's own errors (unknown route, wrong method) carry an English reason phrase.
        if not isinstance(detail, str) or detail == _english_phrase(exc.status_code):
            detail = _STATUS_TEXT.get(exc.status_code, "Fehler.")
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            # Starlette names only the methods of the last route it tried; a path served by
            # several routes (GET and HEAD of /healthz) must list all of them.
            headers["Allow"] = ", ".join(_allowed_methods(request))
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=headers)

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Runs in Starlette's outermost middleware, outside ours: add the security headers by hand.
        log.exception("Unerwarteter Fehler bei %s %s", request.method, request.url.path)
        return JSONResponse(
            {"detail": "Interner Fehler – bitte später erneut versuchen."},
            status_code=500,
            headers=security_headers(request.url.path),
        )


# FastAPI's words when the body is not JSON it can decode at all (before any field is validated).
FASTAPI_BODY_ERROR = "There was an error parsing the body"


def body_error_detail(cause: BaseException | None) -> str:
    """German reason for a body FastAPI could not parse: not UTF-8 (a `charset=latin-1` body with
    umlauts is such a case), nested too deep for the JSON parser, or otherwise unreadable."""
    if isinstance(cause, UnicodeDecodeError):
        return "Der Anfragekörper ist kein gültiges UTF-8: JSON muss als UTF-8 gesendet werden."
    if isinstance(cause, RecursionError):
        return "Der Anfragekörper ist zu tief verschachtelt."
    return "Der Anfragekörper konnte nicht gelesen werden: erwartet wird JSON in UTF-8."


_METHODS = ("DELETE", "GET", "HEAD", "PATCH", "POST", "PUT")


def _allowed_methods(request: Request) -> list[str]:
    from starlette.routing import Match

    # Routers nest; asking each route whether it would take the path with a method finds them all.
    return [
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] == Match.FULL for route in request.app.router.routes
        )
    ]


def _english_phrase(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
