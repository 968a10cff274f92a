"""The report's three files: an HTML page (no scripts, the plot inline), Markdown, NLU YAML.

The wording lives in ``templates/``; this module fills in rows and the plot.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from string import Template
from typing import Dict, Iterable, List, Sequence

import yaml

from bot.report.tally import Tally

TEMPLATES = Path(__file__).with_name("templates")
SERIES = ("messages", "conversations", "users")  # coloured by the page's CSS
MISSED_COMMENT = "answers the person marked 没用: the question, and what they then wanted"


def _cells_html(cells: Sequence[object]) -> str:
    return "<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in cells) + "</tr>"


def _cells_md(cells: Sequence[object]) -> str:
    escaped = (str(cell).replace("|", "\\|").replace("\n", " ") for cell in cells)
    return "| " + " | ".join(escaped) + " |"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _percent(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def rows(tally: Tally) -> Dict[str, List[List[object]]]:
    """Every table of the report as rows of cells."""
    settings = tally.settings
    labels = {kind.kind: kind.label for kind in settings.kinds}
    days = [
        [day, counts["conversations"], counts["users"], counts["messages"]]
        for day, counts in sorted(tally.days.items())
    ]
    channels = [
        [name, counts["conversations"], counts["users"], counts["messages"]]
        for name, counts in sorted(tally.channels.items(), key=lambda item: -item[1]["messages"])
    ]
    topics = [
        [settings.subject_label(name), count, _percent(count, tally.questions)]
        for name, count in tally.topics.most_common()
    ]
    regions = [
        [name, count, _percent(count, tally.questions)]
        for name, count in tally.regions.most_common()
    ]
    kinds = [
        [labels.get(kind, kind), count, _percent(count, tally.messages)]
        for kind, count in tally.unanswered.most_common()
    ]
    groups = [
        [
            group.count,
            " / ".join(
                _cut(text, settings.example_chars)
                for text in group.examples(settings.examples_per_group)
            ),
            "、".join(labels.get(kind, kind) for kind, _ in group.kinds.most_common(2)),
            "、".join(region for region, _ in group.regions.most_common(2)),
        ]
        for group in tally.grouper.most_frequent(settings.groups_shown)
    ]
    rated = {
        f"rated_{name}": [
            [
                label,
                counts["helped"],
                counts["missed"],
                _percent(counts["helped"], sum(counts.values())),
            ]
            for label, counts in sorted(table.items(), key=lambda item: -sum(item[1].values()))
        ]
        for name, table in (("topic", tally.rated_topics), ("region", tally.rated_regions))
    }
    misses = [
        [
            _cut(question, settings.example_chars),
            _cut(answer.split("\n", 1)[0], settings.example_chars),
            _cut(wanted, settings.example_chars) or "—",
            region,
        ]
        for question, answer, wanted, region in reversed(tally.misses)
    ]
    handoffs = [
        [settings.reason_label(reason), count] for reason, count in tally.handoffs.most_common()
    ]
    return {
        **rated,
        "miss": misses,
        "handoff": handoffs,
        "day": days,
        "channel": channels,
        "topic": topics,
        "region": regions,
        "kind": kinds,
        "group": groups,
    }


def plot_svg(tally: Tally, width: int = 720, height: int = 240) -> str:
    """Messages, conversations and users per day as grouped bars (inline SVG)."""
    days = sorted(tally.days)
    top = max((tally.days[day]["messages"] for day in days), default=0) or 1
    left, bottom, inner_h = 40, 24, height - 40
    slot = (width - left - 10) / max(len(days), 1)
    bar = max(slot / (len(SERIES) + 1), 1.0)
    shapes: List[str] = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" '
        'stroke="#888"/>',
        f'<text x="{left - 6}" y="20" text-anchor="end" font-size="11">{top}</text>',
        f'<text x="{left - 6}" y="{height - bottom}" text-anchor="end" font-size="11">0</text>',
    ]
    for index, day in enumerate(days):
        x0 = left + index * slot + bar / 2
        for offset, name in enumerate(SERIES):
            value = tally.days[day][name]
            h = inner_h * value / top
            shapes.append(
                f'<rect class="bar {name}" x="{x0 + offset * bar:.1f}" '
                f'y="{height - bottom - h:.1f}" width="{bar:.1f}" height="{h:.1f}">'
                f"<title>{html.escape(day)} {name} {value}</title></rect>"
            )
        if len(days) <= 14 or index % max(len(days) // 10, 1) == 0:
            shapes.append(
                f'<text x="{x0 + bar * 1.5:.1f}" y="{height - 6}" text-anchor="middle" '
                f'font-size="11">{html.escape(day[5:])}</text>'
            )
    return (
        f'<svg id="plot" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">{"".join(shapes)}</svg>'
    )


def _fields(tally: Tally, since: dt.datetime, until: dt.datetime) -> Dict[str, object]:
    zone = dt.timezone(dt.timedelta(hours=tally.settings.utc_offset_hours))
    unanswered = sum(tally.unanswered.values())
    return {
        "since": since.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
        "until": until.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
        "utc_offset": f"{tally.settings.utc_offset_hours:+g}",
        "conversations": tally.conversations,
        "users": tally.users,
        "messages": tally.messages,
        "questions": tally.questions,
        "guide_share": _percent(tally.answered_from_guide, tally.questions),
        "unanswered": unanswered,
        "unanswered_share": _percent(unanswered, tally.messages),
        "low_confidence": f"{tally.settings.low_confidence:g}",
        "candidates": sum(len(texts) for texts in tally.candidates.values()),
        "helped": sum(counts["helped"] for counts in tally.rated_regions.values()),
        "missed": sum(counts["missed"] for counts in tally.rated_regions.values()),
        "handoffs": sum(tally.handoffs.values()),
    }


def _fill(name: str, values: Dict[str, object]) -> str:
    template = Template((TEMPLATES / name).read_text(encoding="utf-8"))
    return template.substitute({key: str(value) for key, value in values.items()})


def markdown(tally: Tally, since: dt.datetime, until: dt.datetime) -> str:
    """The Markdown summary."""
    values = _fields(tally, since, until)
    for table, table_rows in rows(tally).items():
        values[f"{table}_rows"] = "\n".join(_cells_md(cells) for cells in table_rows)
    return _fill("report.md", values)


def page(tally: Tally, since: dt.datetime, until: dt.datetime) -> str:
    """The self-contained HTML page."""
    values = {key: html.escape(str(value)) for key, value in _fields(tally, since, until).items()}
    for table, table_rows in rows(tally).items():
        values[f"{table}_rows"] = "\n".join(_cells_html(cells) for cells in table_rows)
    values["plot"] = plot_svg(tally)
    return _fill("report.html", values)


def candidates_yaml(tally: Tally) -> str:
    """Rasa NLU YAML of messages to look at, one ``intent: TODO`` block per kind.

    The low-confidence messages by the model's guess, then the questions whose answers
    the person marked 没用 with what they then said they wanted.
    """
    blocks = [
        (f"the model guessed {guess or 'nothing'}", texts)
        for guess, texts in sorted(
            tally.candidates.items(), key=lambda item: -sum(item[1].values())
        )
    ]
    if tally.missed_texts:
        blocks.append((MISSED_COMMENT, tally.missed_texts))
    lines = ['version: "3.1"', "nlu:"]
    for comment, texts in blocks:
        lines.append(f"# {comment}")
        lines.append("- intent: TODO")
        lines.append("  examples: |")
        lines.extend(f"    - {_yaml_text(text)}" for text, _ in texts.most_common())
    return "\n".join(lines) + "\n"


def _yaml_text(text: str) -> str:
    """One example line: the text on one line, as Rasa reads it from a literal block."""
    return " ".join(text.split())


def write(tally: Tally, out: Path, since: dt.datetime, until: dt.datetime) -> Iterable[Path]:
    """Write report.html, report.md and nlu_candidates.yml into ``out``; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "report.html": page(tally, since, until),
        "report.md": markdown(tally, since, until),
        "nlu_candidates.yml": candidates_yaml(tally),
    }
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    yaml.safe_load(files["nlu_candidates.yml"])  # refuse to leave a file Rasa cannot read
    return [out / name for name in files]
