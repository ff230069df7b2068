"""Geometry of the server-rendered SVG bar charts (the template draws them; no chart library).

Each answer gets a label line and one horizontal bar per shown group (Gesamt, then a selected size
class and Land). Every bar is labelled with its group and value in text, so nothing depends on
colour; the data table under the chart carries the same numbers for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format

WIDTH = 720
LABEL_WIDTH = 150
BAR_AREA = 440
ANSWER_HEADER = 22
BAR_HEIGHT = 16
BAR_GAP = 4
ANSWER_GAP = 12
#: Bar colours per group position; each reaches at least 3:1 against white (WCAG 1.4.11).
GROUP_CLASSES = ("survey-bar--0", "survey-bar--1", "survey-bar--2")


@dataclass(frozen=True)
class Bar:
    group: str
    value: float | None
    text: str
    x: float
    y: float
    width: float
    label_y: float
    css_class: str

    @property
    def value_x(self) -> float:
        return round(self.x + self.width + 4, 1)


@dataclass(frozen=True)
class AnswerBlock:
    answer: str
    y: float
    bars: list[Bar]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_width: int
    bar_area: int
    blocks: list[AnswerBlock]
    gridlines: list[tuple[float, str]]


def percent_text(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{number_format(round(value, 1), decimal_pos=1)} %"


def build_chart(answers: list[str], groups: list[tuple[str, list[float | None]]]) -> Chart:
    """``groups`` are (label, percentages per answer); bars are scaled to 0–100 %."""
    blocks = []
    y = 8.0
    for index, answer in enumerate(answers):
        bars = []
        bar_y = y + ANSWER_HEADER
        for position, (label, values) in enumerate(groups):
            value = values[index] if index < len(values) else None
            width = 0.0 if value is None else max(0.0, min(value, 100.0)) * BAR_AREA / 100
            bars.append(
                Bar(
                    group=label,
                    value=value,
                    text=percent_text(value),
                    x=LABEL_WIDTH,
                    y=bar_y,
                    width=round(width, 1),
                    label_y=bar_y + BAR_HEIGHT - 4,
                    css_class=GROUP_CLASSES[position % len(GROUP_CLASSES)],
                )
            )
            bar_y += BAR_HEIGHT + BAR_GAP
        blocks.append(AnswerBlock(answer=answer, y=y + 15, bars=bars))
        y = bar_y + ANSWER_GAP
    gridlines = [(LABEL_WIDTH + BAR_AREA * p / 100, f"{p} %") for p in (0, 25, 50, 75, 100)]
    return Chart(
        width=WIDTH,
        height=int(y + 16),
        label_width=LABEL_WIDTH,
        bar_area=BAR_AREA,
        blocks=blocks,
        gridlines=gridlines,
    )
