"""Charts as server-rendered SVG: numbers in, markup out, no query and no script.

`bar_chart` lays out horizontal bars (a funnel when centred), `stacked_chart`
one bar per row split into parts; `render` fills `dashboard/admin/chart.html`,
whose autoescaping escapes every label. The SVG is `role="img"` with a title
and a description that says the same numbers in words; the page puts a table
of them next to it. Drawn in a viewBox, so it scales to the panel's width;
colours are presentation attributes (the admin's CSP is left as it is).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext

WIDTH = 320
ROW = 42  # a label line above a bar
BAR = 18
LABEL_GAP = 17
PAD = 4
# Dark enough for white text, and the teal Wagtail uses for its own accents.
BAR_FILL = "#007d7e"
# Furthest stage reached, from just enrolled to certified: light to dark.
STAGE_FILLS = ("#d9d9d9", "#9fd8d8", "#4fb3b3", "#1b8a8a", "#005859")


@dataclass(frozen=True)
class Rect:
    x: float
    width: float
    fill: str
    title: str = ""


@dataclass(frozen=True)
class Row:
    label: str
    value_text: str
    short_label: str
    label_y: float
    bar_y: float
    rects: tuple[Rect, ...]
    value_x: float
    value_anchor: str


@dataclass(frozen=True)
class Chart:
    chart_id: str
    title: str
    description: str
    width: int
    height: int
    bar_height: int
    rows: tuple[Row, ...]
    track: bool = True  # a light full-width band behind each bar
    # A grey line around each bar, so light parts still stand out (3:1) from the page.
    outline: bool = False


LABEL_CHARS = 30  # what fits left of the value at the chart's font size


def _short(label: str) -> str:
    """The label as drawn: cut with an ellipsis when long (the table and the
    description keep it whole)."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _number(value) -> str:
    if isinstance(value, Decimal):
        text = f"{value.normalize():f}"
        return text
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    items: list[tuple[str, int | Decimal]],
    unit: str = "",
    centred: bool = False,
    number=None,
) -> Chart:
    """One bar per item, the longest as wide as the chart. `centred` makes a
    funnel. Values are written with `number` (the page's own formatting, so
    chart and table say the same); the description reads "Label: value unit; …"."""
    number = number or _number
    peak = max((float(value) for _, value in items), default=0) or 1
    usable = WIDTH - 2 * PAD
    rows = []
    for i, (label, value) in enumerate(items):
        width = round(usable * float(value) / peak, 1)
        x = PAD + (usable - width) / 2 if centred else PAD
        top = i * ROW
        rows.append(
            Row(
                label=label,
                value_text=number(value),
                short_label=_short(label),
                label_y=top + 13,
                bar_y=top + LABEL_GAP,
                rects=(Rect(x=x, width=max(width, 0), fill=BAR_FILL),),
                value_x=WIDTH - PAD,
                value_anchor="end",
            )
        )
    suffix = f" {unit}" if unit else ""
    description = "; ".join(f"{row.label}: {row.value_text}{suffix}" for row in rows) or gettext(
        "No data yet."
    )
    return Chart(
        chart_id=chart_id,
        title=title,
        description=description,
        width=WIDTH,
        height=max(len(rows) * ROW, ROW),
        bar_height=BAR,
        rows=tuple(rows),
        track=not centred,
    )


def stacked_chart(
    *,
    chart_id: str,
    title: str,
    parts: list[str],
    rows: list[tuple[str, list[int]]],
    fills: tuple[str, ...] = STAGE_FILLS,
) -> Chart:
    """One bar per row, as wide as the chart, split in proportion to its
    parts (named by `parts`, coloured by `fills`). The description gives each
    row's counts by part."""
    usable = WIDTH - 2 * PAD
    laid_out = []
    sentences = []
    for i, (label, counts) in enumerate(rows):
        total = sum(counts)
        top = i * ROW
        x = float(PAD)
        rects = []
        for name, count, fill in zip(parts, counts, fills, strict=False):
            if not count:
                continue
            width = round(usable * count / total, 1)
            rects.append(Rect(x=x, width=width, fill=fill, title=f"{name}: {count}"))
            x += width
        laid_out.append(
            Row(
                label=label,
                value_text=f"{total}",
                short_label=_short(label),
                label_y=top + 13,
                bar_y=top + LABEL_GAP,
                rects=tuple(rects),
                value_x=WIDTH - PAD,
                value_anchor="end",
            )
        )
        said = ", ".join(f"{name} {count}" for name, count in zip(parts, counts, strict=False))
        sentences.append(f"{label}: {said}")
    return Chart(
        chart_id=chart_id,
        title=title,
        description=("; ".join(sentences) + ".") if sentences else gettext("No data yet."),
        width=WIDTH,
        height=max(len(laid_out) * ROW, ROW),
        bar_height=BAR,
        rows=tuple(laid_out),
        track=False,
        outline=True,
    )


def render(chart: Chart) -> SafeString:
    return render_to_string("dashboard/admin/chart.html", {"chart": chart})
