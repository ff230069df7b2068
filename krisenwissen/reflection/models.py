"""A municipality's debriefing of one crisis: reflection → boards with cards → ideas → measures.

Every object hangs off a :class:`Reflection`, which hangs off a workspace; views load objects with
the workspace in the query itself (``Card.objects.filter(board__reflection__workspace=ws, pk=…)``),
so a foreign object is never found. Cards and measures carry a ``version`` that every edit
increments: an edit based on an older version is refused and shown as a conflict instead of
silently overwriting what somebody else wrote in the meantime.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Reflection(models.Model):
    """The debriefing of one crisis by one workspace."""

    workspace = models.ForeignKey(
        "workspace.Workspace", on_delete=models.CASCADE, related_name="reflections", verbose_name=_("Arbeitsbereich")
    )
    title = models.CharField(_("Titel"), max_length=200, help_text=_("Zum Beispiel „Hochwasser Juli 2021“."))
    crisis_type = models.ForeignKey(
        "taxonomy.CrisisType", verbose_name=_("Krisenart"), on_delete=models.PROTECT, related_name="reflections"
    )
    period_start = models.DateField(_("Beginn der Krise"))
    period_end = models.DateField(
        _("Ende der Krise"), null=True, blank=True, help_text=_("Leer lassen, wenn sie andauert.")
    )
    departments = models.ManyToManyField(
        "taxonomy.Actor",
        verbose_name=_("Beteiligte Fachbereiche"),
        related_name="reflections",
        blank=True,
    )
    description = models.TextField(_("Worum es geht"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = _("Reflexion")
        verbose_name_plural = _("Reflexionen")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.period_end and self.period_start and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("Das Ende darf nicht vor dem Beginn liegen.")})


class Board(models.Model):
    """A debriefing board: one per focus theme (created with the reflection) plus free boards."""

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="boards")
    theme = models.ForeignKey(
        "taxonomy.Theme",
        verbose_name=_("Schwerpunktthema"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Leitfrage"), blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("Tafel")
        verbose_name_plural = _("Tafeln")

    def __str__(self):
        return self.title


class Column(models.TextChoices):
    """The four questions of the debriefing, in the order the columns appear."""

    WENT_WELL = "well", _("Lief gut")
    WENT_LESS_WELL = "less_well", _("Lief weniger gut")
    KEEP = "keep", _("Beibehalten")
    CHANGE = "change", _("Ändern")


class Cluster(models.Model):
    """A group of cards a moderator put together because they say the same or belong together."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="clusters")
    title = models.CharField(_("Bezeichnung"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Cluster")
        verbose_name_plural = _("Cluster")

    def __str__(self):
        return self.title


class Card(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="cards")
    column = models.CharField(_("Spalte"), max_length=12, choices=Column.choices)
    text = models.TextField(_("Text"), max_length=1000)
    department = models.ForeignKey(
        "taxonomy.Actor",
        verbose_name=_("Fachbereich"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    levers = models.ManyToManyField("taxonomy.Lever", verbose_name=_("Stellschrauben"), blank=True, related_name="+")
    tags = models.CharField(_("Schlagwörter"), max_length=300, blank=True, help_text=_("Mehrere durch Kommas trennen."))
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("Cluster"), null=True, blank=True, on_delete=models.SET_NULL, related_name="cards"
    )
    hidden = models.BooleanField(_("ausgeblendet"), default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("zusammengeführt mit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    practice_draft = models.ForeignKey(
        "practices.Practice", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Karte")
        verbose_name_plural = _("Karten")

    def __str__(self):
        return self.text[:60]

    @property
    def tag_list(self) -> list[str]:
        return split_tags(self.tags)

    @property
    def is_visible(self) -> bool:
        return not self.hidden and self.merged_into_id is None


def split_tags(value: str) -> list[str]:
    seen, tags = set(), []
    for raw in (value or "").split(","):
        tag = " ".join(raw.split())
        if tag and tag.lower() not in seen:
            seen.add(tag.lower())
            tags.append(tag)
    return tags


class Vote(models.Model):
    """One dot of a person on a card; a person has ``workspace.votes_per_member`` per reflection."""

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["card", "user"], name="one_vote_per_card_and_person")]

    def __str__(self):
        return f"{self.user_id} → {self.card_id}"


class Idea(models.Model):
    """An idea drawn from a cluster or from single cards: the step from debriefing to innovation."""

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="ideas")
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("aus Cluster"), null=True, blank=True, on_delete=models.SET_NULL, related_name="ideas"
    )
    cards = models.ManyToManyField(Card, verbose_name=_("aus Karten"), blank=True, related_name="ideas")
    levers = models.ManyToManyField("taxonomy.Lever", verbose_name=_("Stellschrauben"), blank=True, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Idee")
        verbose_name_plural = _("Ideen")

    def __str__(self):
        return self.title


class Level(models.IntegerChoices):
    LOW = 1, _("gering")
    MEDIUM = 2, _("mittel")
    HIGH = 3, _("hoch")


class Quadrant(models.TextChoices):
    """The four fields of the impact × effort matrix, in priority order."""

    QUICK_WIN = "quick_win", _("Sofort angehen (hohe Wirkung, geringer Aufwand)")
    MAJOR = "major", _("Als Vorhaben planen (hohe Wirkung, hoher Aufwand)")
    FILL_IN = "fill_in", _("Nebenbei erledigen (geringe Wirkung, geringer Aufwand)")
    RECONSIDER = "reconsider", _("Zurückstellen (geringe Wirkung, hoher Aufwand)")


class Measure(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("geplant")
        IN_PROGRESS = "in_progress", _("in Arbeit")
        DONE = "done", _("erledigt")
        DROPPED = "dropped", _("verworfen")

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="measures")
    idea = models.ForeignKey(
        Idea, verbose_name=_("aus Idee"), null=True, blank=True, on_delete=models.SET_NULL, related_name="measures"
    )
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    owner = models.CharField(
        _("Verantwortlich"), max_length=200, help_text=_("Person oder Stelle, die die Maßnahme vorantreibt.")
    )
    due_date = models.DateField(_("Fällig am"), null=True, blank=True)
    status = models.CharField(_("Stand"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    impact = models.PositiveSmallIntegerField(_("Wirkung"), choices=Level.choices, default=Level.MEDIUM)
    effort = models.PositiveSmallIntegerField(_("Aufwand"), choices=Level.choices, default=Level.MEDIUM)
    levers = models.ManyToManyField("taxonomy.Lever", verbose_name=_("Stellschrauben"), blank=True, related_name="+")
    practice_draft = models.ForeignKey(
        "practices.Practice", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.PLANNED, self.Status.IN_PROGRESS}

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or datetime.date.today()
        return self.is_open and self.due_date is not None and self.due_date < today

    @property
    def quadrant(self) -> str:
        """Medium counts as high for impact (worth doing) and as high for effort (needs planning)."""
        high_impact = self.impact >= Level.MEDIUM
        low_effort = self.effort == Level.LOW
        if high_impact:
            return Quadrant.QUICK_WIN if low_effort else Quadrant.MAJOR
        return Quadrant.FILL_IN if low_effort else Quadrant.RECONSIDER

    @property
    def quadrant_label(self) -> str:
        return Quadrant(self.quadrant).label

    @property
    def priority(self) -> int:
        """1 (highest) … 4, from the quadrant; used to sort the action plan."""
        return list(Quadrant.values).index(self.quadrant) + 1
