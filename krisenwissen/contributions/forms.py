"""The steps of the public form "Praxisbeispiel einreichen", one Django form per step.

The field texts speak to a person in a municipal administration, not to an editor: every field
says what belongs in it and gives an example. The taxonomy is offered as checkboxes whose labels
carry the short explanation of each term.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from krisenwissen.practices.models import MAX_YEAR, MIN_YEAR
from krisenwissen.taxonomy import models as taxonomy

from . import challenge


class Form(forms.Form):
    """Labels without a trailing colon: they are full phrases and questions."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class PersonForm(Form):
    submitter_name = forms.CharField(
        label=_("Ihr Name"), max_length=200, help_text=_("Vor- und Nachname, z. B. „Anna Beispiel“.")
    )
    submitter_role = forms.CharField(
        label=_("Ihre Funktion"), max_length=200, help_text=_("z. B. „Sachgebietsleitung Bevölkerungsschutz“.")
    )
    submitter_department = forms.CharField(
        label=_("Ihre Dienststelle"),
        max_length=200,
        help_text=_("Amt, Fachbereich oder Organisation, z. B. „Ordnungsamt, Stadt Musterstadt“."),
    )
    submitter_email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        help_text=_(
            "Dorthin schicken wir den Link zum Bestätigen und Nachrichten zum Stand Ihrer Einreichung, "
            "z. B. „anna.beispiel@musterstadt.de“."
        ),
    )
    consent_contact = forms.BooleanField(
        label=_("Die Redaktion darf mich später zu diesem Praxisbeispiel anschreiben."),
        required=False,
        help_text=_(
            "Zum Beispiel einmal im Jahr mit der Frage, ob das Beispiel noch aktuell ist. Nachrichten zum "
            "Bearbeitungsstand dieser Einreichung erhalten Sie in jedem Fall."
        ),
    )
    consent_public_contact = forms.BooleanField(
        label=_("Ich möchte öffentlich als Ansprechperson genannt werden."),
        required=False,
        help_text=_(
            "Dann erscheinen Name, Funktion, Dienststelle und E-Mail-Adresse auf der Seite des Praxisbeispiels. "
            "Ohne dieses Häkchen wird nichts davon veröffentlicht. Sie können die Einwilligung jederzeit widerrufen."
        ),
    )


class StartForm(PersonForm):
    """The first step also carries the spam protection: a honeypot and an arithmetic question."""

    # A field people never see (hidden by CSS, also for screen readers) but form-filling bots do.
    website = forms.CharField(label=_("Bitte dieses Feld leer lassen"), required=False)
    challenge_token = forms.CharField(widget=forms.HiddenInput)
    challenge_answer = forms.CharField(
        label=_("Sicherheitsfrage"),
        max_length=20,
        help_text=_("Diese Frage hält automatisierte Einsendungen ab."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.posted_token = self.data.get("challenge_token", "") if self.is_bound else ""
        question = challenge.question_of(self.posted_token) if self.posted_token else None
        if question is None:
            self._new_question()
        else:
            self.fields["challenge_answer"].label = question
            self.question = question

    def _new_question(self):
        question, token = challenge.new_challenge()
        if self.is_bound:
            self.data = self.data.copy()
            self.data["challenge_token"] = token
            self.data["challenge_answer"] = ""
        self.initial["challenge_token"] = token
        self.fields["challenge_answer"].label = question
        self.question = question

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Dieses Feld muss leer bleiben."))
        return ""

    def clean(self):
        cleaned = super().clean()
        # Checked against the token that was posted: a stale or forged one fails like a wrong answer.
        if "challenge_answer" in cleaned and not challenge.is_correct(self.posted_token, cleaned["challenge_answer"]):
            # A fresh question after a wrong answer, so guessing through all sums does not work.
            self._new_question()
            self.add_error(
                "challenge_answer",
                _("Die Antwort auf die Sicherheitsfrage stimmt nicht. Bitte beantworten Sie die neue Frage."),
            )
        return cleaned


class PlaceForm(Form):
    place_query = forms.CharField(
        label=_("Name der Kommune"),
        max_length=200,
        help_text=_(
            "Stadt, Gemeinde oder Landkreis, z. B. „Köln“, „Landkreis Ahrweiler“ oder den "
            "Amtlichen Gemeindeschlüssel „05315000“. Bei gleichnamigen Orten zeigen wir Ihnen eine Auswahl."
        ),
    )
    place = forms.TypedChoiceField(
        label=_("Bitte wählen Sie Ihre Kommune"), coerce=int, required=False, empty_value=None
    )
    municipality_label = forms.CharField(
        label=_("Abweichende Bezeichnung (freiwillig)"),
        max_length=200,
        required=False,
        help_text=_("Nur wenn die Kommune anders genannt werden soll, z. B. ein Stadtbezirk: „Berlin-Neukölln“."),
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        self.fields["place"].choices = [(p.pk, p.label) for p in self.candidates]
        self.fields["place"].widget = forms.RadioSelect(choices=self.fields["place"].choices)


def _year_field(label, help_text, required=True):
    return forms.IntegerField(
        label=label, min_value=MIN_YEAR, max_value=MAX_YEAR, required=required, help_text=help_text
    )


class DescriptionForm(Form):
    title = forms.CharField(
        label=_("Titel des Praxisbeispiels"),
        max_length=200,
        help_text=_("Kurz und aussagekräftig, z. B. „Hitzetelefon für allein lebende ältere Menschen“."),
    )
    summary = forms.CharField(
        label=_("Kurzbeschreibung"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Ein bis zwei Sätze, höchstens 400 Zeichen: Was haben Sie gemacht und für wen? z. B. „Ehrenamtliche "
            "rufen bei Hitzewarnungen ältere Menschen an, die allein leben.“"
        ),
    )
    description = forms.CharField(
        label=_("Beschreibung"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Erzählen Sie in Ihren Worten: Wie war die Ausgangslage? Was haben Sie getan, mit wem? "
            "Was hat es bewirkt? Was brauchen andere Kommunen, um es nachzumachen?"
        ),
    )
    lessons_learned = forms.CharField(
        label=_("Was haben Sie gelernt? (freiwillig)"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Was würden Sie beim nächsten Mal anders machen? z. B. „Früher mit den Pflegediensten sprechen.“"),
    )
    language = forms.ChoiceField(
        label=_("Sprache Ihres Textes"), choices=[("de", _("Deutsch")), ("en", _("Englisch"))], initial="de"
    )
    start_year = _year_field(_("Seit wann gibt es das? (Jahr)"), _("z. B. 2021"))
    end_year = _year_field(
        _("Bis wann lief es? (Jahr, freiwillig)"), _("Leer lassen, wenn es noch läuft."), required=False
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and start > datetime.date.today().year + 1:
            self.add_error("start_year", _("Das Jahr liegt zu weit in der Zukunft."))
        if start and end and end < start:
            self.add_error("end_year", _("Das Ende darf nicht vor dem Beginn liegen."))
        return cleaned


def term_label(obj):
    """The term's name with its short explanation underneath, read out together as the label."""
    if obj.description:
        return format_html('{} <span class="term-hint">{}</span>', obj.name, obj.description)
    return obj.name


class TermChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return term_label(obj)


class TermSingleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return term_label(obj)


def _terms(model, label, help_text, required=True):
    return TermChoiceField(
        queryset=model.objects.all(),
        to_field_name="slug",
        label=label,
        help_text=help_text,
        required=required,
        widget=forms.CheckboxSelectMultiple,
    )


def _single(model, label, help_text):
    return TermSingleChoiceField(
        queryset=model.objects.all(),
        to_field_name="slug",
        label=label,
        help_text=help_text,
        widget=forms.RadioSelect,
        empty_label=None,
    )


class ClassificationForm(Form):
    themes = _terms(taxonomy.Theme, _("Schwerpunktthemen"), _("Wählen Sie alle passenden Themen (mindestens eines)."))
    crisis_types = _terms(
        taxonomy.CrisisType, _("Krisenarten"), _("Um welche Krisen ging es? (mindestens eine Auswahl)")
    )
    phases = _terms(
        taxonomy.Phase, _("Krisenphasen"), _("In welcher Phase hilft Ihr Beispiel? (mindestens eine Auswahl)")
    )
    innovation_type = _single(taxonomy.InnovationType, _("Art der Neuerung"), _("Was ist vor allem neu?"))
    origin = _single(taxonomy.Origin, _("Entstehung"), _("Wie ist das Beispiel entstanden?"))
    maturity = _single(taxonomy.Maturity, _("Reifegrad"), _("Wie weit ist es?"))
    actors = _terms(taxonomy.Actor, _("Beteiligte (freiwillig)"), _("Wer hat mitgewirkt?"), required=False)
    target_groups = _terms(
        taxonomy.TargetGroup, _("Zielgruppen (freiwillig)"), _("Für wen ist das Angebot gedacht?"), required=False
    )
    levers = _terms(
        taxonomy.Lever,
        _("Stellschrauben (freiwillig)"),
        _("Welche Stellschrauben kommunaler Resilienz stärkt Ihr Beispiel?"),
        required=False,
    )
    keywords = forms.CharField(
        label=_("Schlagwörter (freiwillig)"),
        max_length=300,
        required=False,
        help_text=_("Durch Kommas getrennt, z. B. „Nachbarschaftshilfe, Telefonkette“."),
    )

    MULTIPLE = ("themes", "crisis_types", "phases", "actors", "target_groups", "levers")
    SINGLE = ("innovation_type", "origin", "maturity")


class ImageUploadForm(Form):
    image = forms.FileField(
        label=_("Bild (JPEG, PNG oder WebP, höchstens 8 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("Was ist auf dem Bild zu sehen?"),
        max_length=300,
        required=False,
        help_text=_(
            "Für Menschen, die das Bild nicht sehen können, z. B. „Zwei Ehrenamtliche am Telefon im Bürgerbüro“. "
            "Pflicht, wenn Sie ein Bild hochladen."
        ),
    )
    credit = forms.CharField(
        label=_("Bildnachweis"),
        max_length=200,
        required=False,
        help_text=_("Wer hat das Bild gemacht? Sie bestätigen, dass wir es veröffentlichen dürfen."),
    )
    document = forms.FileField(
        label=_("Dokument (PDF, DOCX, XLSX, PPTX, ODT, ODS oder ODP, höchstens 10 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp"}),
    )
    document_title = forms.CharField(
        label=_("Titel des Dokuments"),
        max_length=200,
        required=False,
        help_text=_("z. B. „Ablaufplan Hitzetelefon 2023“."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("alt_text"):
            self.add_error("alt_text", _("Bitte beschreiben Sie, was auf dem Bild zu sehen ist."))
        return cleaned


class ConfirmForm(Form):
    """An empty POST form: confirming needs a click, so link scanners in mail systems cannot confirm."""


class StillInUseForm(Form):
    message = forms.CharField(
        label=_("Was hat sich geändert?"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("z. B. „Läuft seit 2024 landkreisweit; neue Ansprechperson ist …“."),
    )
