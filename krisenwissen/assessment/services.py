"""Scores per lever, the peer comparison, recommendations and the radar chart of the self-assessment."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.db.models import Avg, Case, Count, IntegerField, Q, Value, When
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from krisenwissen.taxonomy.models import CrisisType, Lever

from .models import MAX_SCORE, Assessment, Indicator, Score

#: The peer comparison is shown only when at least this many municipalities contributed.
MIN_PEER_MUNICIPALITIES = 5
STRONGEST_COUNT = 2
WEAKEST_COUNT = 3
RECOMMENDATIONS_PER_LEVER = 3


def ensure_questionnaire() -> int:
    """Create the shipped indicators that are missing (idempotent); return how many were created.

    The data migration seeds them on a fresh database; this repairs a database whose tables were
    emptied afterwards (the browser tests flush between tests) or whose levers came later.
    """
    from .questionnaire import INDICATORS

    levers = {lever.number: lever for lever in Lever.objects.all()}
    existing = set(Indicator.objects.values_list("code", flat=True))
    created = 0
    for position, (number, code, title, question, levels) in enumerate(INDICATORS):
        if code in existing or number not in levers:
            continue
        Indicator.objects.create(
            lever=levers[number],
            code=code,
            title=title,
            question=question,
            sort_order=position,
            **{f"level_{n}": text for n, text in enumerate(levels)},
        )
        created += 1
    return created


def fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else number_format(round(value, digits), digits)


# --- Scores per lever ---------------------------------------------------------------------------


def lever_scores(assessment_ids) -> dict[int, dict[int, float]]:
    """``{assessment id: {lever id: mean score}}`` for the given assessments, in one query."""
    rows = (
        Score.objects.filter(assessment_id__in=list(assessment_ids))
        .values("assessment_id", "indicator__lever_id")
        .annotate(mean=Avg("value"))
    )
    result: dict[int, dict[int, float]] = {}
    for row in rows:
        result.setdefault(row["assessment_id"], {})[row["indicator__lever_id"]] = float(row["mean"])
    return result


@dataclass
class LeverResult:
    lever: Lever
    score: float | None
    previous: float | None = None
    peer: dict | None = None
    indicators: list = field(default_factory=list)

    @property
    def change(self) -> float | None:
        if self.score is None or self.previous is None:
            return None
        return self.score - self.previous


def results(assessment: Assessment) -> list[LeverResult]:
    """One entry per lever with its mean score, the previous assessment's score and the indicators."""
    levers = list(Lever.objects.all())
    previous = (
        Assessment.objects.filter(workspace=assessment.workspace)
        .filter(Q(date__lt=assessment.date) | Q(date=assessment.date, pk__lt=assessment.pk))
        .order_by("-date", "-pk")
        .first()
    )
    ids = [assessment.pk] + ([previous.pk] if previous else [])
    scores = lever_scores(ids)
    own = scores.get(assessment.pk, {})
    before = scores.get(previous.pk, {}) if previous else {}
    by_lever: dict[int, list] = {}
    for score in assessment.scores.select_related("indicator"):
        by_lever.setdefault(score.indicator.lever_id, []).append(score)
    for items in by_lever.values():
        items.sort(key=lambda s: (s.indicator.sort_order, s.indicator.code))
    return [
        LeverResult(
            lever=lever, score=own.get(lever.pk), previous=before.get(lever.pk), indicators=by_lever.get(lever.pk, [])
        )
        for lever in levers
    ]


def strengths_and_weaknesses(items: list[LeverResult]) -> tuple[list[LeverResult], list[LeverResult]]:
    scored = [item for item in items if item.score is not None]
    strongest = sorted(scored, key=lambda i: (-i.score, i.lever.number))[:STRONGEST_COUNT]
    rest = [i for i in scored if i not in strongest]
    weakest = sorted(rest, key=lambda i: (i.score, i.lever.number))[:WEAKEST_COUNT]
    return strongest, weakest


def progress(workspace, limit: int = 6) -> dict:
    """Lever scores of the workspace's last ``limit`` assessments, oldest first, for the table over time."""
    assessments = list(Assessment.objects.filter(workspace=workspace).order_by("-date", "-pk")[:limit])[::-1]
    scores = lever_scores(a.pk for a in assessments)
    rows = []
    for lever in Lever.objects.all():
        values = [scores.get(a.pk, {}).get(lever.pk) for a in assessments]
        known = [v for v in values if v is not None]
        change = known[-1] - known[0] if len(known) >= 2 else None
        rows.append({"lever": lever, "values": values, "change": change})
    return {"assessments": assessments, "rows": rows}


# --- Peer comparison ----------------------------------------------------------------------------


@dataclass
class PeerComparison:
    available: bool
    municipalities: int
    by_lever: dict[int, dict]

    @property
    def municipalities_band(self) -> int:
        """The number of contributing municipalities rounded down to a multiple of five: the exact
        count would tell everybody when a single municipality joins or leaves."""
        return (self.municipalities // MIN_PEER_MUNICIPALITIES) * MIN_PEER_MUNICIPALITIES


def peer_comparison(min_municipalities: int = MIN_PEER_MUNICIPALITIES) -> PeerComparison:
    """Median and quartiles per lever over the latest assessment of every opted-in workspace.

    Workspaces of the same municipality are first averaged, so each municipality counts once; the
    figures are shown only when at least ``min_municipalities`` municipalities contributed to a
    lever. Only the three quartiles are published (never minimum, maximum or single values), rounded
    to one decimal.
    """
    latest: dict[int, Assessment] = {}
    for assessment in (
        Assessment.objects.filter(workspace__peer_comparison_opt_in=True)
        .select_related("workspace")
        .order_by("workspace_id", "-date", "-pk")
    ):
        latest.setdefault(assessment.workspace_id, assessment)
    scores = lever_scores(a.pk for a in latest.values())
    per_place: dict[int, dict[int, list[float]]] = {}
    for assessment in latest.values():
        for lever_id, value in scores.get(assessment.pk, {}).items():
            per_place.setdefault(assessment.workspace.place_id, {}).setdefault(lever_id, []).append(value)
    by_lever: dict[int, dict] = {}
    for lever in Lever.objects.all():
        values = sorted(statistics.fmean(v[lever.pk]) for v in per_place.values() if lever.pk in v)
        if len(values) < min_municipalities:
            continue
        q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
        by_lever[lever.pk] = {"q1": round(q1, 1), "median": round(median, 1), "q3": round(q3, 1)}
    places = len(per_place)
    return PeerComparison(
        available=bool(by_lever) and places >= min_municipalities, municipalities=places, by_lever=by_lever
    )


# --- Recommendations (closed loop) --------------------------------------------------------------


@dataclass
class Recommendation:
    kind: str  # "practice" | "literature"
    title: str
    url: str
    reason: str
    is_demo: bool = False


def context_crisis_types(assessment: Assessment) -> list[CrisisType]:
    """The crisis types recommendations match: the assessment's own, else those of the workspace's reflections."""
    if assessment.crisis_type_id:
        return [assessment.crisis_type]
    return list(CrisisType.objects.filter(reflections__workspace=assessment.workspace).distinct())


def _reason(lever_result: LeverResult, matched_type, same_size: bool, size_label: str) -> str:
    parts = [
        _("Stellschraube %(number)s (%(name)s) gehört mit %(score)s von 5 zu Ihren schwächsten Bereichen")
        % {"number": lever_result.lever.number, "name": lever_result.lever.short_name, "score": fmt(lever_result.score)}
    ]
    if matched_type:
        parts.append(_("gleiche Krisenart (%(type)s)") % {"type": matched_type})
    if same_size:
        parts.append(_("Kommune derselben Größenklasse (%(size)s)") % {"size": size_label})
    return "; ".join(parts) + "."


def recommend_practices(lever_result: LeverResult, crisis_types, place, limit=RECOMMENDATIONS_PER_LEVER):
    from krisenwissen.places.models import SizeClass
    from krisenwissen.practices.models import Practice

    type_ids = [t.pk for t in crisis_types]
    practices = (
        Practice.objects.public()
        .filter(levers=lever_result.lever)
        .annotate(
            type_match=Count("crisis_types", filter=Q(crisis_types__in=type_ids), distinct=True),
            size_match=Case(
                When(municipality__size_class=place.size_class, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .select_related("municipality")
        .order_by("-type_match", "-size_match", "-updated_at", "title")[:limit]
    )
    size_label = SizeClass(place.size_class).label if place.size_class in SizeClass.values else ""
    recommendations = []
    for practice in practices:
        matched = None
        if practice.type_match:
            matched = ", ".join(t.name for t in practice.crisis_types.all() if t.pk in type_ids)
        recommendations.append(
            Recommendation(
                kind="practice",
                title=practice.title,
                url=practice.get_absolute_url(),
                reason=_reason(lever_result, matched, bool(practice.size_match), size_label),
                is_demo=practice.is_demo,
            )
        )
    return recommendations


def recommend_literature(lever_result: LeverResult, crisis_types, limit=2):
    """Literature from the public literature database, if that app is installed and migrated."""
    try:
        from krisenwissen.literature.models import Literature
    except ImportError:
        return []
    type_ids = [t.pk for t in crisis_types]
    try:
        with transaction.atomic():
            records = list(
                Literature.objects.public()
                .filter(levers=lever_result.lever)
                .annotate(type_match=Count("crisis_types", filter=Q(crisis_types__in=type_ids), distinct=True))
                .order_by("-type_match", "-year", "title")[:limit]
            )
    except (AttributeError, DatabaseError, LookupError, ValueError):
        return []
    items = []
    for record in records:
        matched = None
        if getattr(record, "type_match", 0):
            matched = ", ".join(t.name for t in record.crisis_types.all() if t.pk in type_ids)
        items.append(
            Recommendation(
                kind="literature",
                title=f"{record.title} ({record.year})" if getattr(record, "year", None) else record.title,
                url=record.get_absolute_url(),
                reason=_reason(lever_result, matched, False, ""),
                is_demo=getattr(record, "is_demo", False),
            )
        )
    return items


def recommendations(assessment: Assessment, weakest: list[LeverResult]) -> list[dict]:
    crisis_types = context_crisis_types(assessment)
    place = assessment.workspace.place
    return [
        {
            "lever": item,
            "practices": recommend_practices(item, crisis_types, place),
            "literature": recommend_literature(item, crisis_types),
        }
        for item in weakest
    ]


# --- Radar chart --------------------------------------------------------------------------------

SIZE_W, SIZE_H = 600, 470
CX, CY, RADIUS = 300, 235, 150


def _point(index: int, count: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    r = RADIUS * value / MAX_SCORE
    return CX + r * math.cos(angle), CY + r * math.sin(angle)


def _wrap(text: str, width: int = 18) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines


SERIES_STYLE = {
    "own": {"stroke": "#0b4f82", "fill": "#0b4f82", "fill_opacity": "0.18", "dash": "", "marker": "circle"},
    "peer": {"stroke": "#8a4b00", "fill": "none", "fill_opacity": "0", "dash": "8 5", "marker": "square"},
    "previous": {"stroke": "#4b5560", "fill": "none", "fill_opacity": "0", "dash": "2 4", "marker": "none"},
}


def radar_svg(levers: list[Lever], series: list[dict], title: str, description: str, id_prefix: str = "radar") -> str:
    """A server-rendered radar chart; ``series`` items are ``{"key": "own"|"peer"|"previous", "values": [...]}``.

    Presentation attributes instead of CSS, so the same markup renders in the browser (strict CSP,
    no inline styles) and in the PDF. Series differ by line style and markers, not by colour alone;
    the page shows the same numbers in a table.
    """
    count = len(levers)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE_W} {SIZE_H}" role="img" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" font-family="Arial, sans-serif">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>',
    ]
    if count < 3:
        parts.append("</svg>")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
    for level in range(1, MAX_SCORE + 1):
        ring = " ".join(f"{x:.1f},{y:.1f}" for x, y in (_point(i, count, level) for i in range(count)))
        parts.append(f'<polygon points="{ring}" fill="none" stroke="#b8c0c8" stroke-width="1"/>')
        x, y = _point(0, count, level)
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 4:.1f}" font-size="11" fill="#4b5560">{level}</text>')
    for i, lever in enumerate(levers):
        x, y = _point(i, count, MAX_SCORE)
        parts.append(f'<line x1="{CX}" y1="{CY}" x2="{x:.1f}" y2="{y:.1f}" stroke="#b8c0c8" stroke-width="1"/>')
        lx, ly = _point(i, count, MAX_SCORE * 1.12)
        anchor = "middle" if abs(lx - CX) < 20 else ("start" if lx > CX else "end")
        lines = _wrap(f"{lever.number}. {lever.short_name}")
        top = (
            ly - (len(lines) - 1) * 7
            if abs(ly - CY) < RADIUS * 0.5
            else (ly - (len(lines) - 1) * 14 if ly < CY else ly + 6)
        )
        tspans = "".join(
            f'<tspan x="{lx:.1f}" y="{top + n * 14:.1f}">{escape(line)}</tspan>' for n, line in enumerate(lines)
        )
        parts.append(f'<text font-size="12" fill="#1b1f24" text-anchor="{anchor}">{tspans}</text>')
    for item in series:
        style = SERIES_STYLE[item["key"]]
        values = [v if v is not None else 0 for v in item["values"]]
        points = [_point(i, count, v) for i, v in enumerate(values)]
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
        parts.append(
            f'<polygon points="{coords}" fill="{style["fill"]}" fill-opacity="{style["fill_opacity"]}" '
            f'stroke="{style["stroke"]}" stroke-width="2.5"{dash}/>'
        )
        for x, y in points:
            if style["marker"] == "circle":
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{style["stroke"]}"/>')
            elif style["marker"] == "square":
                parts.append(f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{style["stroke"]}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
