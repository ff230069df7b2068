"""The questionnaire as one plain form: a 0–5 choice with the level descriptions and a comment per indicator."""

from django import forms
from django.utils.translation import gettext_lazy as _

from krisenwissen.taxonomy.models import CrisisType

from .models import Assessment, Indicator
from .questionnaire import SCALE

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["date", "title", "crisis_type"]
        widgets = {"date": DATE_WIDGET}

    def __init__(self, *args, indicators=None, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["crisis_type"].queryset = CrisisType.objects.all()
        self.fields["crisis_type"].empty_label = _("– keine –")
        self.indicators = list(indicators if indicators is not None else Indicator.objects.select_related("lever"))
        scores = scores or {}
        for indicator in self.indicators:
            existing = scores.get(indicator.pk)
            self.fields[self.score_name(indicator)] = forms.TypedChoiceField(
                label=f"{indicator.code} {indicator.title}",
                choices=[(n, f"{n} – {SCALE[n]}: {text}") for n, text in indicator.levels],
                coerce=int,
                widget=forms.RadioSelect,
                initial=existing.value if existing else None,
                error_messages={"required": _("Bitte wählen Sie eine Stufe von 0 bis 5.")},
            )
            self.fields[self.comment_name(indicator)] = forms.CharField(
                label=_("Kommentar zu %(code)s") % {"code": indicator.code},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=existing.comment if existing else "",
            )

    @staticmethod
    def score_name(indicator) -> str:
        return f"score_{indicator.pk}"

    @staticmethod
    def comment_name(indicator) -> str:
        return f"comment_{indicator.pk}"

    def grouped(self) -> list[dict]:
        """Bound fields grouped by lever, in questionnaire order, for the template."""
        groups: dict[int, dict] = {}
        for indicator in self.indicators:
            group = groups.setdefault(indicator.lever_id, {"lever": indicator.lever, "items": []})
            group["items"].append(
                {
                    "indicator": indicator,
                    "score": self[self.score_name(indicator)],
                    "comment": self[self.comment_name(indicator)],
                }
            )
        return list(groups.values())
