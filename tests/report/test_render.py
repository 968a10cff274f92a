"""The report's files: escaped HTML with its plot, Markdown tables, NLU candidates."""

from __future__ import annotations

import datetime as dt

import yaml

from bot.report.render import candidates_yaml, markdown, page
from bot.report.settings import default_settings
from bot.report.tally import Tally
from bot.report.turns import read_turns
from tests.report.events import T0, reply, user

SINCE = dt.datetime(2026, 11, 11, tzinfo=dt.timezone.utc)
UNTIL = dt.datetime(2026, 11, 18, 12, tzinfo=dt.timezone.utc)


def tally_of(*texts: str) -> Tally:
    tally = Tally(default_settings())
    for number, text in enumerate(texts):
        events = [user(text, "nlu_fallback", T0 + number, confidence=0.2)]
        events += reply("utter_default", cited=False)
        tally.add(read_turns(events, default_settings()))
    return tally


def test_the_page_escapes_what_people_wrote_and_draws_one_bar_per_series_and_day():
    html = page(tally_of("<script>alert(1)</script>", "a|b"), SINCE, UNTIL)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count('<rect class="bar') == 3  # one day × messages, conversations, users
    assert "$" not in html.split("<body>", 1)[1]  # every placeholder filled


def test_markdown_cells_keep_their_table_intact():
    text = markdown(tally_of("a|b\nc"), SINCE, UNTIL)
    assert "| 1 | a\\|b c | 没听懂（兜底回复） | — |" in text


def test_candidates_are_grouped_by_the_models_guess_as_todo_intents():
    data = yaml.safe_load(candidates_yaml(tally_of("嗯嗯那个啥", "那个啥嗯", "嗯嗯那个啥")))
    (block,) = data["nlu"]
    assert block["intent"] == "TODO"
    assert block["examples"].splitlines() == ["- 嗯嗯那个啥", "- 那个啥嗯"]
