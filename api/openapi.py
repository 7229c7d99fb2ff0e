"""The OpenAPI document says what the server sends for every error status.

FastAPI documents its own 422 shape (`detail` as an array), but errors.py sends `detail` as a German
sentence with `errors` per field; and 400 (unknown Host, unreadable body) and 413 (body limit) come
from middleware no route declares. This fills those in once, for every operation.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.schemas import ErrorOut, FieldErrorOut, ValidationErrorOut

_REF = "#/components/schemas/{model}"


def _error(schema: str, description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _fix(document: dict[str, Any]) -> dict[str, Any]:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for model in (ErrorOut, FieldErrorOut, ValidationErrorOut):
        schemas[model.__name__] = model.model_json_schema(ref_template=_REF)
    for item in document.get("paths", {}).values():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            has_input = bool(operation.get("parameters") or operation.get("requestBody"))
            if has_input or "422" in responses:
                described = responses.get("422", {}).get("description") or "Ungültige Anfrage"
                responses["422"] = _error("ValidationErrorOut", described)
            responses.setdefault(
                "400",
                _error(
                    "ErrorOut", "Unbekannter Host oder unlesbarer Anfragekörper (kein UTF-8, zu tief verschachtelt)"
                ),
            )
            if operation.get("requestBody"):
                responses.setdefault("413", _error("ErrorOut", "Anfrage zu groß"))
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    return document


def install(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _fix(
                get_openapi(
                    title=app.title,
                    version=app.version,
                    description=app.description,
                    routes=app.routes,
                    tags=app.openapi_tags,
                )
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
