"""The public pages of "Praxisbeispiel einreichen": the form steps, the private status page,
the e-mail confirmation and the "still in use?" answer page.

No account and no session: the submitter's private link (``/einreichen/<token>/``) identifies the
draft, so the pages set no cookie beyond the CSRF cookie every POST form needs.
"""

from __future__ import annotations

import re

from django.core import signing
from django.db import transaction
from django.db.models import F
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from krisenwissen.places.matching import AmbiguousPlace, PlaceMatchError, describe, resolve_place
from krisenwissen.places.models import Place
from krisenwissen.places.names import name_key
from krisenwissen.practices.models import Practice

from . import freshness, ratelimit, services, uploads
from .forms import (
    ClassificationForm,
    ConfirmForm,
    DescriptionForm,
    ImageUploadForm,
    PersonForm,
    PlaceForm,
    StartForm,
    StillInUseForm,
)
from .models import Submission, SubmissionEvent, SubmissionFile

STEPS = [
    ("angaben", gettext_lazy("Über Sie")),
    ("kommune", gettext_lazy("Kommune")),
    ("beschreibung", gettext_lazy("Das Praxisbeispiel")),
    ("einordnung", gettext_lazy("Einordnung")),
    ("dateien", gettext_lazy("Bilder und Dokumente")),
    ("pruefen", gettext_lazy("Prüfen und absenden")),
]
STEP_NAMES = [name for name, _label in STEPS]
PLACE_SUGGESTIONS = 10
AGS_IN_LABEL = re.compile(r"AGS (\d{8})\)?\s*$")
PERSON_FIELDS = (
    "submitter_name",
    "submitter_role",
    "submitter_department",
    "submitter_email",
    "consent_contact",
    "consent_public_contact",
)


def _steps(submission, current: str) -> list[dict]:
    steps = []
    for number, (name, label) in enumerate(STEPS, start=1):
        url = (
            reverse("contributions:step", kwargs={"token": submission.token, "step": name})
            if submission is not None
            else ""
        )
        if name == "pruefen" and submission is not None:
            url = reverse("contributions:review", kwargs={"token": submission.token})
        steps.append(
            {
                "number": number,
                "name": name,
                "label": label,
                "url": url,
                "current": name == current,
                "done": submission is not None and name in submission.completed_steps,
            }
        )
    return steps


def _render_step(request, submission, step: str, context: dict, status: int = 200):
    number = STEP_NAMES.index(step) + 1
    label = dict(STEPS)[step]
    forms_in_context = [form for form in (context.get("form"), context.get("upload_form")) if form is not None]
    errors = []
    for form in forms_in_context:
        if form.is_bound:
            for name, messages in form.errors.items():
                field = form.fields.get(name)
                target = f"#{form[name].auto_id}" if field is not None else ""
                for message in messages:
                    label_text = field.label if field is not None else ""
                    errors.append({"target": target, "label": label_text, "message": message})
    context = {
        "submission": submission,
        "step": step,
        "step_label": label,
        "step_number": number,
        "step_count": len(STEPS),
        "steps": _steps(submission, step),
        "error_summary": errors,
        **context,
    }
    return render(request, f"contributions/step_{step}.html", context, status=status)


def _get_submission(token: str) -> Submission:
    return get_object_or_404(Submission.objects.select_related("place", "practice"), token=token)


def _too_many(request, submission, step, context):
    context["limit_error"] = _(
        "Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Anfragen. Bitte versuchen Sie es in einer Stunde erneut."
    )
    return _render_step(request, submission, step, context, status=429)


def _next_url(submission, step: str) -> str:
    following = STEP_NAMES[STEP_NAMES.index(step) + 1]
    if following == "pruefen":
        return reverse("contributions:review", kwargs={"token": submission.token})
    return reverse("contributions:step", kwargs={"token": submission.token, "step": following})


def _complete(submission, step: str) -> None:
    if step not in submission.completed_steps:
        submission.completed_steps = [*submission.completed_steps, step]


# --- step 1: about you (creates the draft) ------------------------------------------------------


def start(request):
    form = StartForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if ratelimit.is_limited(request, "start"):
            return _too_many(request, None, "angaben", {"form": form, "is_start": True})
        with transaction.atomic():
            submission = Submission.objects.create(**{name: form.cleaned_data[name] for name in PERSON_FIELDS})
            submission.completed_steps = ["angaben"]
            submission.save(update_fields=["completed_steps"])
            submission.record(SubmissionEvent.Kind.STARTED, actor=submission.submitter_name)
        return redirect(_next_url(submission, "angaben"))
    return _render_step(request, None, "angaben", {"form": form, "is_start": True}, status=400 if form.errors else 200)


def step_view(request, token: str, step: str):
    submission = _get_submission(token)
    if step not in STEP_NAMES or step == "pruefen":
        raise Http404(_("Diesen Schritt gibt es nicht."))
    if not submission.is_editable:
        return redirect(submission.get_absolute_url())
    if request.method == "POST" and ratelimit.is_limited(request, "step"):
        return _too_many(request, submission, step, {"form": None})
    handler = {
        "angaben": _person_step,
        "kommune": _place_step,
        "beschreibung": _description_step,
        "einordnung": _classification_step,
        "dateien": _files_step,
    }[step]
    return handler(request, submission)


def _person_step(request, submission):
    initial = {name: getattr(submission, name) for name in PERSON_FIELDS}
    form = PersonForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        for name in PERSON_FIELDS:
            setattr(submission, name, form.cleaned_data[name])
        _complete(submission, "angaben")
        submission.save()
        return redirect(_next_url(submission, "angaben"))
    return _render_step(request, submission, "angaben", {"form": form}, status=400 if form.errors else 200)


# --- step 2: the municipality --------------------------------------------------------------------


def search_places(query: str) -> tuple[list[Place], str]:
    """Places for what the user typed: one exact match, or candidates with a hint what to do."""
    query = "".join(ch for ch in query if ch.isprintable()).strip()[:200]
    ags = AGS_IN_LABEL.search(query)
    if ags:
        found = list(Place.objects.filter(ags=ags.group(1)).select_related("kreis")[:1])
        if found:
            return found, ""
    try:
        match = resolve_place(query, create_european=False)
        return [match.place], ""
    except AmbiguousPlace as error:
        return error.candidates[:PLACE_SUGGESTIONS], _("Es gibt mehrere Kommunen mit diesem Namen. Bitte wählen Sie.")
    except PlaceMatchError as error:
        candidates = list(error.candidates)
        key = name_key(query)
        if len(key) >= 2 and len(candidates) < PLACE_SUGGESTIONS:
            more = (
                Place.objects.filter(country="DE", name_key__startswith=key)
                .exclude(pk__in=[p.pk for p in candidates])
                .select_related("kreis")
                .order_by(F("population").desc(nulls_last=True), "name")[: PLACE_SUGGESTIONS - len(candidates)]
            )
            candidates.extend(more)
        if candidates:
            return candidates, _("Wir haben „%(query)s“ nicht genau gefunden. Meinten Sie eine dieser Kommunen?") % {
                "query": query
            }
        return [], _(
            "Zu „%(query)s“ haben wir keine Kommune gefunden. Bitte prüfen Sie die Schreibweise "
            "oder geben Sie den Amtlichen Gemeindeschlüssel an."
        ) % {"query": query}


def _labelled(places):
    for place in places:
        place.label = describe(place)
    return places


def _place_step(request, submission):
    candidates, hint = [], ""
    if request.method == "POST":
        query = request.POST.get("place_query", "")
        chosen = request.POST.get("place", "")
        if chosen.isdigit() and "search" not in request.POST:
            candidates = list(Place.objects.filter(pk=int(chosen)).select_related("kreis"))
        if not candidates and query.strip():
            candidates, hint = search_places(query)
        form = PlaceForm(request.POST, candidates=_labelled(candidates))
        if form.is_valid() and "search" not in request.POST:
            place_id = form.cleaned_data.get("place")
            if place_id is None and len(candidates) == 1 and not hint:
                place_id = candidates[0].pk
            if place_id is not None:
                submission.place_id = place_id
                submission.municipality_label = form.cleaned_data["municipality_label"]
                _complete(submission, "kommune")
                submission.save()
                return redirect(_next_url(submission, "kommune"))
            if candidates:
                form.add_error("place", _("Bitte wählen Sie eine der gefundenen Kommunen aus."))
            else:
                form.add_error("place_query", hint)
                hint = ""
    else:
        initial = {"municipality_label": submission.municipality_label}
        if submission.place_id:
            candidates = _labelled([submission.place])
            initial.update(place_query=submission.place.name, place=submission.place_id)
        form = PlaceForm(initial=initial, candidates=candidates)
    status = 400 if form.errors else 200
    return _render_step(
        request, submission, "kommune", {"form": form, "candidates": candidates, "hint": hint}, status=status
    )


@require_GET
def place_suggestions(request):
    """Type-ahead for the municipality field (JSON for the small script; the form works without it)."""
    query = request.GET.get("q", "")
    key = name_key(query)
    if len(key) < 2 or ratelimit.is_limited(request, "place_search"):
        return JsonResponse({"results": []})
    exact = list(Place.objects.filter(country="DE", name_key=key).select_related("kreis")[:PLACE_SUGGESTIONS])
    # Larger places first: "Kö" should offer Köln before Ködderitzsch.
    rest = (
        Place.objects.filter(country="DE", name_key__startswith=key)
        .exclude(pk__in=[p.pk for p in exact])
        .select_related("kreis")
        .order_by(F("population").desc(nulls_last=True), "name")[: PLACE_SUGGESTIONS - len(exact)]
    )
    return JsonResponse({"results": [{"label": describe(p)} for p in [*exact, *rest]]})


# --- step 3 and 4: the practice and its classification --------------------------------------------


def _description_step(request, submission):
    form = DescriptionForm(request.POST if request.method == "POST" else None, initial=submission.data or None)
    if request.method == "POST" and form.is_valid():
        submission.data = {**submission.data, **form.cleaned_data}
        _complete(submission, "beschreibung")
        submission.save()
        return redirect(_next_url(submission, "beschreibung"))
    return _render_step(request, submission, "beschreibung", {"form": form}, status=400 if form.errors else 200)


def _classification_step(request, submission):
    form = ClassificationForm(request.POST if request.method == "POST" else None, initial=submission.data or None)
    if request.method == "POST" and form.is_valid():
        cleaned = form.cleaned_data
        values = {name: sorted(term.slug for term in cleaned[name]) for name in ClassificationForm.MULTIPLE}
        values |= {name: cleaned[name].slug for name in ClassificationForm.SINGLE}
        values["keywords"] = cleaned["keywords"]
        submission.data = {**submission.data, **values}
        _complete(submission, "einordnung")
        submission.save()
        return redirect(_next_url(submission, "einordnung"))
    return _render_step(request, submission, "einordnung", {"form": form}, status=400 if form.errors else 200)


# --- step 5: images and documents ----------------------------------------------------------------


def _files_step(request, submission):
    upload_errors = []
    form = ImageUploadForm()
    if request.method == "POST":
        remove = request.POST.get("remove", "")
        if remove.isdigit():
            submission.files.filter(pk=int(remove), transferred=False).delete()
            return redirect(reverse("contributions:step", kwargs={"token": submission.token, "step": "dateien"}))
        form = ImageUploadForm(request.POST, request.FILES)
        if form.is_valid():
            cleaned = form.cleaned_data
            images = submission.files.filter(kind=SubmissionFile.Kind.IMAGE).count()
            documents = submission.files.filter(kind=SubmissionFile.Kind.DOCUMENT).count()
            accepted = []
            if cleaned.get("image"):
                if images >= uploads.MAX_IMAGES:
                    form.add_error("image", _("Es sind höchstens %(n)d Bilder möglich.") % {"n": uploads.MAX_IMAGES})
                else:
                    try:
                        checked = uploads.check_image(cleaned["image"])
                        accepted.append((SubmissionFile.Kind.IMAGE, checked))
                    except uploads.UploadRejected as error:
                        form.add_error("image", error.message)
            if cleaned.get("document"):
                if documents >= uploads.MAX_DOCUMENTS:
                    form.add_error(
                        "document", _("Es sind höchstens %(n)d Dokumente möglich.") % {"n": uploads.MAX_DOCUMENTS}
                    )
                else:
                    try:
                        checked = uploads.check_document(cleaned["document"])
                        accepted.append((SubmissionFile.Kind.DOCUMENT, checked))
                    except uploads.UploadRejected as error:
                        form.add_error("document", error.message)
            if not form.errors:
                for kind, checked in accepted:
                    submission.files.create(
                        kind=kind,
                        filename=checked.filename,
                        content_type=checked.content_type,
                        content=checked.content,
                        size=checked.size,
                        alt_text=cleaned["alt_text"] if kind == SubmissionFile.Kind.IMAGE else "",
                        credit=cleaned["credit"] if kind == SubmissionFile.Kind.IMAGE else "",
                        title=cleaned["document_title"] if kind == SubmissionFile.Kind.DOCUMENT else "",
                    )
                _complete(submission, "dateien")
                submission.save()
                if "another" in request.POST:
                    return redirect(
                        reverse("contributions:step", kwargs={"token": submission.token, "step": "dateien"})
                    )
                return redirect(_next_url(submission, "dateien"))
        if form.errors.get("image") or form.errors.get("document"):
            upload_errors.append(_("Aus Sicherheitsgründen müssen Sie die Datei nach einem Fehler erneut auswählen."))
    files = list(submission.files.defer("content"))
    context = {"upload_form": form, "files": files, "upload_notes": upload_errors, "limits": uploads}
    return _render_step(request, submission, "dateien", context, status=400 if form.errors else 200)


# --- step 6: review and send --------------------------------------------------------------------


def _summary(submission) -> dict:
    from krisenwissen.taxonomy import models as taxonomy

    data = submission.data
    vocabularies = {
        "themes": (_("Schwerpunktthemen"), taxonomy.Theme),
        "crisis_types": (_("Krisenarten"), taxonomy.CrisisType),
        "phases": (_("Krisenphasen"), taxonomy.Phase),
        "innovation_type": (_("Art der Neuerung"), taxonomy.InnovationType),
        "origin": (_("Entstehung"), taxonomy.Origin),
        "maturity": (_("Reifegrad"), taxonomy.Maturity),
        "actors": (_("Beteiligte"), taxonomy.Actor),
        "target_groups": (_("Zielgruppen"), taxonomy.TargetGroup),
        "levers": (_("Stellschrauben"), taxonomy.Lever),
    }
    terms = []
    for name, (label, model) in vocabularies.items():
        value = data.get(name)
        slugs = value if isinstance(value, list) else ([value] if value else [])
        names = [str(term) for term in model.objects.filter(slug__in=slugs)]
        terms.append({"label": label, "value": ", ".join(names)})
    return {"terms": terms}


def review(request, token: str):
    submission = _get_submission(token)
    if not submission.is_editable:
        return redirect(submission.get_absolute_url())
    missing = services.missing_steps(submission)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if missing:
            status = 400
        elif ratelimit.is_limited(request, "send"):
            return _too_many(request, submission, "pruefen", {"form": form, "missing": missing, **_summary(submission)})
        elif submission.status == Submission.Status.CHANGES_REQUESTED:
            services.resubmit(submission)
            return redirect(submission.get_absolute_url() + "?aktualisiert=1")
        else:
            services.send_for_confirmation(submission)
            return redirect(submission.get_absolute_url() + "?gesendet=1")
    missing_steps = [
        {
            "name": name,
            "label": dict(STEPS)[name],
            "url": reverse("contributions:step", kwargs={"token": submission.token, "step": name}),
        }
        for name in missing
    ]
    context = {
        "form": None,
        "missing": missing_steps,
        "send_attempted": request.method == "POST",
        "files": list(submission.files.defer("content")),
        **_summary(submission),
    }
    return _render_step(request, submission, "pruefen", context, status=status)


# --- status, confirmation -----------------------------------------------------------------------


def status(request, token: str):
    submission = _get_submission(token)
    events = submission.events.filter(kind__in=SubmissionEvent.PUBLIC)
    continue_url = ""
    if submission.is_editable:
        open_steps = [name for name in STEP_NAMES[:4] if name not in submission.completed_steps]
        continue_url = (
            reverse("contributions:step", kwargs={"token": token, "step": open_steps[0]})
            if open_steps
            else reverse("contributions:review", kwargs={"token": token})
        )
    practice_url = ""
    if submission.status == Submission.Status.PUBLISHED and submission.practice and submission.practice.live:
        practice_url = submission.practice.get_absolute_url()
    return render(
        request,
        "contributions/status.html",
        {
            "submission": submission,
            "events": events,
            "continue_url": continue_url,
            "practice_url": practice_url,
            "just_sent": "gesendet" in request.GET,
            "just_updated": "aktualisiert" in request.GET,
            "just_confirmed": "bestaetigt" in request.GET,
        },
    )


def confirm(request, token: str, code: str):
    submission = _get_submission(token)
    valid = services.check_confirm_code(submission, code)
    if valid and submission.status != Submission.Status.AWAITING_CONFIRMATION:
        return redirect(submission.get_absolute_url())
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and valid and form.is_valid():
        services.confirm(submission)
        return redirect(submission.get_absolute_url() + "?bestaetigt=1")
    return render(
        request,
        "contributions/confirm.html",
        {"submission": submission, "valid": valid, "form": form},
        status=200 if valid else 400,
    )


# --- freshness: "is this practice still in use?" ------------------------------------------------


def still_in_use(request, code: str):
    try:
        practice_id = freshness.read_code(code)
    except signing.BadSignature:
        return render(request, "contributions/still_in_use.html", {"invalid": True}, status=400)
    practice = Practice.objects.public().filter(pk=practice_id).first()
    if practice is None:
        raise Http404(_("Dieses Praxisbeispiel ist nicht (mehr) veröffentlicht."))
    form = StillInUseForm(request.POST if request.method == "POST" else None)
    done = ""
    if request.method == "POST" and form.is_valid():
        if "update" in request.POST:
            if not form.cleaned_data["message"]:
                form.add_error("message", _("Bitte beschreiben Sie kurz, was sich geändert hat."))
            else:
                freshness.report_update(practice, form.cleaned_data["message"])
                done = "update"
        else:
            freshness.confirm_still_in_use(practice)
            done = "confirmed"
    return render(
        request,
        "contributions/still_in_use.html",
        {"practice": practice, "form": form, "done": done},
        status=400 if form.errors else 200,
    )
