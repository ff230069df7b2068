"""Open-data pages and files: /daten/, the downloads, the catalogue, sitemap, robots.txt, alerts."""

from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from . import alerts
from .catalog import build_catalog, serialise
from .exports import FORMATS, dataset_licence, export_chunks
from .licences import content_licence
from .registry import datasets, feeds, get_dataset, sitemaps

SITEMAP_CACHE_SECONDS = 3600


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _optional_url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


@require_safe
def index(request):
    licence, operator = content_licence()

    def entry(dataset):
        item_licence = dataset_licence(dataset)
        return {
            "dataset": dataset,
            "licence": item_licence,
            "modified": dataset.modified(),
            "downloads": [
                {
                    "fmt": fmt,
                    "label": label,
                    "url": reverse("opendata:download", kwargs={"key": dataset.key, "fmt": fmt}),
                }
                for fmt, label in (("csv", "CSV"), ("json", "JSON"), ("jsonld", "JSON-LD"))
            ],
        }

    feed_links = []
    for link in feeds():
        try:
            feed_links.append(
                {"title": link.title, "kind": link.kind, "url": reverse(link.url_name, kwargs=link.kwargs)}
            )
        except NoReverseMatch:
            continue
    events_ical = _optional_url("news:events_ical")
    if events_ical:
        feed_links.append({"title": _("Termine (iCalendar)"), "kind": "ical", "url": events_ical})
    context = {
        "content_datasets": [entry(d) for d in datasets(reference=False)],
        "reference_datasets": [entry(d) for d in datasets(reference=True)],
        "licence": licence,
        "operator": operator,
        "feeds": feed_links,
        "alert_url": reverse("opendata:alert_subscribe"),
    }
    return render(request, "opendata/index.html", context)


@require_safe
def download(request, key: str, fmt: str):
    dataset = get_dataset(key)
    if dataset is None or fmt not in FORMATS:
        raise Http404(_("Diesen Datensatz gibt es nicht."))
    modified = dataset.modified()
    if modified is not None:
        not_modified = get_conditional_response(request, last_modified=int(modified.timestamp()))
        if not_modified is not None:
            return not_modified
    response = StreamingHttpResponse(export_chunks(dataset, fmt, _base_url(request)), content_type=FORMATS[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="krisenwissen-{dataset.key}-{stamp}.{fmt}"'
    licence = dataset_licence(dataset)
    response["Link"] = f'<{licence.url}>; rel="license"'
    response["X-Licence"] = licence.label
    if modified is not None:
        response["Last-Modified"] = http_date(modified.timestamp())
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def catalog(request, fmt: str):
    from krisenwissen.core.models import PlatformSettings

    # The catalogue is German whatever the Accept-Language says: its literals are tagged @de.
    with translation.override("de"):
        graph = build_catalog(_base_url(request), contact_email=PlatformSettings.load().contact_email)
    body, content_type = serialise(graph, fmt)
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def robots_txt(request):
    lines = ["User-agent: *"]
    for prefix in ("/cms/", "/reflexionsraum/", "/konto/", "/en/reflexionsraum/", "/en/konto/"):
        lines.append(f"Disallow: {prefix}")
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('opendata_sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def sitemap_index(request):
    response = sitemap_views.index(request, sitemaps(), sitemap_url_name="opendata_sitemap_section")
    response["Cache-Control"] = f"public, max-age={SITEMAP_CACHE_SECONDS}"
    return response


@require_safe
def sitemap_section(request, section: str):
    response = sitemap_views.sitemap(request, sitemaps(), section=section)
    response["Cache-Control"] = f"public, max-age={SITEMAP_CACHE_SECONDS}"
    return response


# --- Alerts -----------------------------------------------------------------------------------


# No CSRF token (and so no cookie) on the alert forms: they act on no session, a forged subscribe
# only triggers the confirmation mail anyone could trigger anyway, and confirm/unsubscribe need
# the signed token from the mail. The pages stay cookie-free like every public page.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def alert_subscribe(request):
    params = request.POST if request.method == "POST" else request.GET
    alert_filter = alerts.read_filter(params)
    email = (request.POST.get("email") or "").strip() if request.method == "POST" else ""
    error = ""
    if request.method == "POST":
        if not email:
            error = _("Bitte geben Sie Ihre E-Mail-Adresse ein.")
        else:
            try:
                validate_email(email)
            except ValidationError:
                error = _("Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.")
        if not error and not request.POST.get("consent"):
            error = _("Bitte bestätigen Sie, dass wir Ihre E-Mail-Adresse für die Benachrichtigung speichern dürfen.")
        if not error:
            alerts.subscribe(email, alert_filter, _base_url(request))
            return render(request, "opendata/alert_pending.html", {"email": email}, status=200)
    hidden = [(key, value) for key, values in _query_items(alert_filter.query) for value in values]
    context = {
        "alert_filter": alert_filter,
        "hidden": hidden,
        "email": email,
        "error": error,
        "consent": bool(request.POST.get("consent")),
        "list_url": reverse("practices:list") + (f"?{alert_filter.query}" if alert_filter.query else ""),
    }
    return render(request, "opendata/alert_subscribe.html", context, status=422 if error else 200)


def _query_items(query: str):
    from django.http import QueryDict

    parsed = QueryDict(query)
    return [(key, parsed.getlist(key)) for key in parsed]


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def alert_confirm(request, token: str):
    subscription = alerts.subscription_for_confirm_token(token)
    if subscription is None:
        return render(request, "opendata/alert_invalid.html", {"kind": "confirm"}, status=404)
    if request.method == "POST":
        alerts.confirm(subscription)
        return render(request, "opendata/alert_done.html", {"kind": "confirmed"})
    return render(request, "opendata/alert_confirm.html", {"subscription": subscription, "token": token})


@csrf_exempt  # RFC 8058 one-click: the mail client POSTs without a session; the signed token is the proof.
@never_cache
@require_http_methods(["GET", "POST"])
def alert_unsubscribe(request, token: str):
    subscription = alerts.subscription_for_unsubscribe_token(token)
    if request.method == "POST":
        if subscription is not None:
            subscription.delete()
        return render(request, "opendata/alert_done.html", {"kind": "unsubscribed"})
    if subscription is None:
        return render(request, "opendata/alert_invalid.html", {"kind": "unsubscribe"}, status=404)
    return render(request, "opendata/alert_unsubscribe.html", {"subscription": subscription, "token": token})
