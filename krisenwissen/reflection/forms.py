"""Forms of the reflection: every step works as a plain HTML form without JavaScript."""

from django import forms
from django.utils.translation import gettext_lazy as _

from krisenwissen.taxonomy.models import Actor, CrisisType, Lever

from .models import Board, Card, Cluster, Column, Idea, Measure, Reflection

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LeverChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number}. {obj.short_name}"


def lever_field():
    return LeverChoiceField(
        queryset=Lever.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Stellschrauben"),
    )


class ReflectionForm(forms.ModelForm):
    departments = forms.ModelMultipleChoiceField(
        queryset=Actor.objects.filter(kind=Actor.Kind.DEPARTMENT),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Beteiligte Fachbereiche"),
    )

    class Meta:
        model = Reflection
        fields = ["title", "crisis_type", "period_start", "period_end", "description", "departments"]
        widgets = {
            "period_start": DATE_WIDGET,
            "period_end": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["crisis_type"].queryset = CrisisType.objects.all()
        self.fields["crisis_type"].empty_label = _("– bitte wählen –")


class BoardForm(forms.ModelForm):
    class Meta:
        model = Board
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class ClusterForm(forms.ModelForm):
    class Meta:
        model = Cluster
        fields = ["title"]


class CardForm(forms.ModelForm):
    """New and edited cards; ``version`` carries the version the person started editing from."""

    levers = lever_field()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Card
        fields = ["column", "text", "department", "levers", "tags"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}), "column": forms.RadioSelect}

    def __init__(self, *args, reflection=None, **kwargs):
        super().__init__(*args, **kwargs)
        departments = reflection.departments.all() if reflection is not None else Actor.objects.none()
        if not departments.exists():
            departments = Actor.objects.filter(kind=Actor.Kind.DEPARTMENT)
        self.fields["department"].queryset = departments
        self.fields["department"].empty_label = _("– keine Angabe –")
        self.fields["column"].choices = Column.choices
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class CardModerationForm(forms.Form):
    """What a moderator can do to a card in one step (the drag-and-drop script posts the same)."""

    ACTIONS = [
        ("hide", _("Ausblenden")),
        ("show", _("Wieder einblenden")),
        ("cluster", _("Cluster zuordnen")),
        ("move", _("In andere Spalte verschieben")),
        ("apply", _("Aktion aus der Auswahl")),
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    #: with ``action=apply``: "cluster:<id>", "cluster:" (none), "column:<value>" or "hide" — the one
    #: select of the board's moderation panel
    target = forms.CharField(required=False, max_length=40)

    def clean(self):
        data = super().clean()
        if data.get("action") == "apply":
            target = data.get("target") or ""
            kind, _sep, value = target.partition(":")
            if target == "hide":
                data["action"] = "hide"
            elif kind == "cluster":
                data["action"], data["cluster"] = "cluster", int(value) if value.isdigit() else None
            elif kind == "column" and value in Column.values:
                data["action"], data["column"] = "move", value
            else:
                raise forms.ValidationError(_("Bitte wählen Sie eine Aktion."))
        return data

    cluster = forms.IntegerField(required=False)
    column = forms.ChoiceField(choices=Column.choices, required=False)


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Card.objects.none(),
        label=_("Doppelte Karte zusammenführen mit"),
        empty_label=_("– Karte wählen –"),
    )

    def __init__(self, *args, card=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (
            Card.objects.filter(board__reflection=card.board.reflection, hidden=False, merged_into__isnull=True)
            .exclude(pk=card.pk)
            .select_related("board")
        )
        self.fields["target"].label_from_instance = lambda c: (
            f"{c.board.title} – {c.get_column_display()}: {c.text[:80]}"
        )


class IdeaForm(forms.ModelForm):
    levers = lever_field()

    class Meta:
        model = Idea
        fields = ["title", "description", "cluster", "cards", "levers"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "cards": forms.CheckboxSelectMultiple}

    def __init__(self, *args, reflection=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = Cluster.objects.filter(board__reflection=reflection).select_related("board")
        self.fields["cluster"].empty_label = _("– kein Cluster –")
        self.fields["cluster"].label_from_instance = lambda c: f"{c.board.title}: {c.title}"
        self.fields["cards"].queryset = Card.objects.filter(
            board__reflection=reflection, hidden=False, merged_into__isnull=True
        ).select_related("board")
        self.fields["cards"].label_from_instance = lambda c: f"{c.get_column_display()}: {c.text[:100]}"


class MeasureForm(forms.ModelForm):
    levers = lever_field()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Measure
        fields = ["title", "description", "idea", "owner", "due_date", "status", "impact", "effort", "levers"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "due_date": DATE_WIDGET,
            "impact": forms.RadioSelect,
            "effort": forms.RadioSelect,
        }

    def __init__(self, *args, reflection=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["idea"].queryset = Idea.objects.filter(reflection=reflection)
        self.fields["idea"].empty_label = _("– keine –")
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class PracticeDraftForm(forms.Form):
    title = forms.CharField(label=_("Titel des Praxisbeispiels"), max_length=200)
    summary = forms.CharField(
        label=_("Kurzbeschreibung"), max_length=400, widget=forms.Textarea(attrs={"rows": 3, "maxlength": 400})
    )
    description = forms.CharField(label=_("Beschreibung"), widget=forms.Textarea(attrs={"rows": 8}))
    confirm = forms.BooleanField(
        label=_(
            "Ich bestätige als Administration dieses Arbeitsbereichs, dass dieser Text an die Redaktion der "
            "öffentlichen Plattform gehen darf. Er enthält keine personenbezogenen oder vertraulichen Angaben."
        ),
        error_messages={"required": _("Bitte bestätigen Sie die Weitergabe an die Redaktion.")},
    )
