"""The self-assessment (Selbstcheck) along the seven levers.

:class:`Indicator` rows are the questionnaire, seeded by a data migration from
:mod:`krisenwissen.assessment.questionnaire` and shared by every workspace. An :class:`Assessment`
is one dated run of a workspace through the questionnaire; it can be repeated, and the results page
compares runs over time. A lever's score is the mean of its indicators' scores.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_SCORE = 5


class Indicator(models.Model):
    lever = models.ForeignKey(
        "taxonomy.Lever", verbose_name=_("Stellschraube"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("Kennung"), max_length=10, unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    question = models.TextField(_("Frage"))
    level_0 = models.CharField(_("Stufe 0"), max_length=300)
    level_1 = models.CharField(_("Stufe 1"), max_length=300)
    level_2 = models.CharField(_("Stufe 2"), max_length=300)
    level_3 = models.CharField(_("Stufe 3"), max_length=300)
    level_4 = models.CharField(_("Stufe 4"), max_length=300)
    level_5 = models.CharField(_("Stufe 5"), max_length=300)
    sort_order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["lever__number", "sort_order", "code"]
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def levels(self) -> list[tuple[int, str]]:
        return [(n, getattr(self, f"level_{n}")) for n in range(MAX_SCORE + 1)]


class Assessment(models.Model):
    workspace = models.ForeignKey(
        "workspace.Workspace", on_delete=models.CASCADE, related_name="assessments", verbose_name=_("Arbeitsbereich")
    )
    date = models.DateField(_("Stichtag"), default=datetime.date.today)
    title = models.CharField(
        _("Bezeichnung"), max_length=200, blank=True, help_text=_("Zum Beispiel „Nach dem Hochwasser 2024“.")
    )
    crisis_type = models.ForeignKey(
        "taxonomy.CrisisType",
        verbose_name=_("Bezug zu einer Krisenart"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional; Empfehlungen bevorzugen dann Praxisbeispiele zu dieser Krisenart."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("Selbstcheck")
        verbose_name_plural = _("Selbstchecks")

    def __str__(self):
        return self.title or str(self.date)


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(
        _("Stufe"), validators=[MinValueValidator(0), MaxValueValidator(MAX_SCORE)]
    )
    comment = models.TextField(_("Kommentar"), blank=True, max_length=2000)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "indicator"], name="one_score_per_indicator")]
        verbose_name = _("Bewertung")
        verbose_name_plural = _("Bewertungen")

    def __str__(self):
        return f"{self.indicator_id}: {self.value}"
