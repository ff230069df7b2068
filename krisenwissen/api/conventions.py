"""Conventions every public read endpoint follows, whichever team wrote it.

* **Conditional requests.** Every successful ``GET``/``HEAD`` answer under ``/api/`` carries an
  ``ETag``; a router that registers a *freshness* function (:func:`register_freshness`) also gets
  ``Last-Modified`` and answers a revalidation (``If-None-Match`` / ``If-Modified-Since``) with
  ``304`` *before* the view runs. Without a registration the ETag is a hash of the body, so a
  ``304`` still saves the transfer, just not the work.
* **CORS for reading.** ``Access-Control-Allow-Origin: *`` on ``GET``/``HEAD``/``OPTIONS`` of the
  API and of the open-data URLs (exports, feeds, catalogue), and nowhere else: no HTML page and no
  form is readable cross-origin, and no credentials are ever allowed.
* **Page sizes are capped** at :data:`MAX_PAGE_SIZE`; use :class:`PageParams` in a query schema.
* **Malformed parameters give 422** with a German message per parameter (see
  :func:`validation_error_handler`, installed on the API in ``urls.py``).

The middleware is :class:`OpenDataHeadersMiddleware` (in ``MIDDLEWARE`` right after
``CommonMiddleware``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ninja import Field, NinjaAPI, Schema

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language
from django.utils.translation import gettext as _

#: The most results one page of any list endpoint returns.
MAX_PAGE_SIZE = 100
#: Path prefixes (without language prefix) whose GET answers may be read from any origin.
CORS_PATH_PATTERN = re.compile(
    r"^/(?:en/)?(?:api/|daten/[^/]+\.(?:csv|json|jsonld)$|feeds/|catalog\.(?:ttl|rdf|jsonld)$)"
)
API_PREFIX = "/api/"
READ_METHODS = {"GET", "HEAD"}
#: Browsers and intermediaries keep a copy this long, then revalidate with the ETag.
API_CACHE_CONTROL = "public, max-age=60"


class PageParams(Schema):
    """``limit``/``offset`` with the platform-wide cap; inherit from it in a query schema."""

    limit: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description=f"Treffer je Seite (höchstens {MAX_PAGE_SIZE})")
    offset: int = Field(0, ge=0, le=1_000_000, description="Wie viele Treffer übersprungen werden")


@dataclass(frozen=True)
class Freshness:
    """What a data source says about its current state: a fingerprint and when it last changed."""

    fingerprint: str
    last_modified: datetime | None = None


_freshness: list[tuple[str, Callable[[], Freshness]]] = []


def register_freshness(path_prefix: str, func: Callable[[], Freshness]) -> None:
    """Let ``GET path_prefix…`` be revalidated without running the view.

    ``func`` must be cheap (an aggregate query, not a scan) and its fingerprint must change
    whenever anything the endpoint could return changes — including unpublishing and deleting.
    The longest matching prefix wins.
    """
    _freshness[:] = [item for item in _freshness if item[0] != path_prefix]
    _freshness.append((path_prefix, func))
    _freshness.sort(key=lambda item: len(item[0]), reverse=True)


def freshness_for(path: str) -> Freshness | None:
    for prefix, func in _freshness:
        if path.startswith(prefix):
            return func()
    return None


def _etag_for(request: HttpRequest, fingerprint: str) -> str:
    # The language is part of the key: error messages and labels follow it.
    key = "|".join((fingerprint, request.get_full_path(), get_language() or "", request.headers.get("Accept", "")))
    return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])


def _reject_nul_bytes(request: HttpRequest) -> HttpResponse | None:
    """422 for a NUL character in a parameter or the path, before any router sees it.

    No text column can hold one (PostgreSQL refuses it with an error), so a query with it could
    only fail; catching it here protects every router, including future ones.
    """
    from django.http import JsonResponse

    bad = [name for name, values in request.GET.lists() if any("\x00" in value for value in values)]
    if "\x00" in request.path_info:
        bad.append("path")
    if not bad:
        return None
    detail = [
        {
            "type": "invalid_character",
            "loc": ["path"] if name == "path" else ["query", name],
            "msg": _("Der Parameter „%(param)s“ enthält ein unzulässiges Steuerzeichen (NUL).") % {"param": name},
        }
        for name in bad
    ]
    return JsonResponse({"detail": detail}, status=422, json_dumps_params={"ensure_ascii": False})


def _is_cors_path(path: str) -> bool:
    return bool(CORS_PATH_PATTERN.match(path))


class OpenDataHeadersMiddleware:
    """ETag/Last-Modified/304 for the API and CORS for the open-data URLs (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        cors = _is_cors_path(path)
        if cors and request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            return self._preflight()

        is_api_read = path.startswith(API_PREFIX) and request.method in READ_METHODS
        if is_api_read:
            rejected = _reject_nul_bytes(request)
            if rejected is not None:
                return self._cors(rejected) if cors else rejected
        etag = last_modified = None
        if is_api_read:
            fresh = freshness_for(path)
            if fresh is not None:
                etag = _etag_for(request, fresh.fingerprint)
                last_modified = fresh.last_modified
                not_modified = get_conditional_response(
                    request,
                    etag=etag,
                    last_modified=int(last_modified.timestamp()) if last_modified else None,
                )
                if not_modified is not None:
                    self._api_headers(not_modified)
                    return self._cors(not_modified) if cors else not_modified

        response = self.get_response(request)

        if is_api_read and response.status_code == 200 and not response.streaming:
            if etag is None:
                etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
                conditional = get_conditional_response(request, etag=etag, response=response)
                if conditional is not response:
                    response = conditional
            response.headers.setdefault("ETag", etag)
            if last_modified is not None:
                response.headers.setdefault("Last-Modified", http_date(last_modified.timestamp()))
            self._api_headers(response)
        if cors and request.method in READ_METHODS | {"OPTIONS"}:
            self._cors(response)
        return response

    @staticmethod
    def _api_headers(response: HttpResponse) -> None:
        response.headers.setdefault("Cache-Control", API_CACHE_CONTROL)
        patch_vary_headers(response, ("Accept-Language",))

    @staticmethod
    def _cors(response: HttpResponse) -> HttpResponse:
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Link, Content-Disposition"
        return response

    def _preflight(self) -> HttpResponse:
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, If-None-Match, If-Modified-Since"
        response["Access-Control-Max-Age"] = "86400"
        return self._cors(response)


# --- 422 messages ---------------------------------------------------------------------------

_MESSAGES = {
    "int_parsing": "Der Parameter „{param}“ muss eine ganze Zahl sein, nicht „{value}“.",
    "int_from_float": "Der Parameter „{param}“ muss eine ganze Zahl sein, nicht „{value}“.",
    "float_parsing": "Der Parameter „{param}“ muss eine Zahl sein, nicht „{value}“.",
    "bool_parsing": "Der Parameter „{param}“ muss true oder false sein, nicht „{value}“.",
    "date_from_datetime_parsing": "Der Parameter „{param}“ muss ein Datum (JJJJ-MM-TT) sein, nicht „{value}“.",
    "date_parsing": "Der Parameter „{param}“ muss ein Datum (JJJJ-MM-TT) sein, nicht „{value}“.",
    "greater_than_equal": "Der Parameter „{param}“ muss mindestens {ge} sein.",
    "greater_than": "Der Parameter „{param}“ muss größer als {gt} sein.",
    "less_than_equal": "Der Parameter „{param}“ darf höchstens {le} sein.",
    "less_than": "Der Parameter „{param}“ muss kleiner als {lt} sein.",
    "string_too_long": "Der Parameter „{param}“ darf höchstens {max_length} Zeichen lang sein.",
    "string_too_short": "Der Parameter „{param}“ muss mindestens {min_length} Zeichen lang sein.",
    "literal_error": "Unbekannter Wert „{value}“ für den Parameter „{param}“. Erlaubt sind: {expected}.",
    "enum": "Unbekannter Wert „{value}“ für den Parameter „{param}“. Erlaubt sind: {expected}.",
    "missing": "Der Parameter „{param}“ fehlt.",
    "string_type": "Der Parameter „{param}“ muss ein Text sein.",
}
_MAX_ECHO = 80


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= _MAX_ECHO else text[: _MAX_ECHO - 1] + "…"


def german_error(error: dict, query=None, path_kwargs=None) -> dict:
    """One pydantic/ninja error with a German ``msg``; errors that already carry one pass through.

    ``query`` (the request's ``GET``) supplies the value the client sent: ninja drops ``input``
    from its errors.
    """
    kind = error.get("type", "")
    template = _MESSAGES.get(kind)
    if template is None:
        return error
    location = list(error.get("loc", []))
    # Query schemas nest their fields under the schema argument ("filters", "params"): the last
    # text part is the parameter a client actually sent.
    names = [part for part in location if isinstance(part, str) and part not in {"query", "path", "body"}]
    param = names[-1] if names else "?"
    value = error.get("input")
    if value is None and location and location[0] == "path" and path_kwargs is not None:
        value = path_kwargs.get(param, "")
    if value is None and query is not None:
        values = query.getlist(param)
        index = next((part for part in reversed(location) if isinstance(part, int)), 0)
        value = values[index] if index < len(values) else ""
    context = dict(error.get("ctx") or {})
    expected = str(context.get("expected", ""))
    context["expected"] = expected.replace("'", "").replace(" or ", ", ")
    message = _(template).format(param=param, value=_short(value if value is not None else ""), **context)
    new_location = [location[0], param] if location and location[0] in {"query", "path"} else location
    return {**error, "loc": new_location, "msg": message}


def install_validation_messages(api) -> None:
    """Answer malformed parameters of every router of ``api`` with 422 and German messages."""
    from ninja.errors import ValidationError

    def handler(request, exc):
        path_kwargs = request.resolver_match.kwargs if request.resolver_match else {}
        detail = [_clean(german_error(error, request.GET, path_kwargs)) for error in exc.errors]
        return api.create_response(request, {"detail": detail}, status=422)

    api.add_exception_handler(ValidationError, handler)


def _clean(error: dict) -> dict:
    # ``ctx`` may hold exception objects and ``url`` points to pydantic's English docs: neither helps a client.
    return {key: value for key, value in error.items() if key not in {"ctx", "url"}}


# --- OpenAPI: every operation with parameters documents its 422 --------------------------------

VALIDATION_ERROR_SCHEMA = {
    "title": "ValidationErrorOut",
    "type": "object",
    "properties": {
        "detail": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
                    "msg": {"type": "string", "description": "Deutsche Fehlermeldung zu diesem Parameter"},
                },
                "required": ["loc", "msg"],
            },
        }
    },
    "required": ["detail"],
}


class KrisenwissenAPI(NinjaAPI):
    """``NinjaAPI`` that documents the 422 answer of every operation taking parameters.

    Malformed parameters are rejected before a view runs, for every router; listing the 422 in
    each operation keeps the schema honest even for routers that forget to declare it.
    """

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.setdefault("ValidationErrorOut", VALIDATION_ERROR_SCHEMA)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if not isinstance(operation, dict) or not operation.get("parameters"):
                    continue
                operation.setdefault("responses", {}).setdefault(
                    422,
                    {
                        "description": "Ungültige Parameter",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/ValidationErrorOut"}}
                        },
                    },
                )
        return schema
