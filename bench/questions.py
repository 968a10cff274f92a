"""How the assistant reads real public wordings: ``python -m bench.questions``.

Scores the final wordings of docs/questions/wordings.yml (never tuned on), and the
second, held-out and training ones apart, per kind of question, prints the misses and writes the
section "Real wordings" of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import List

from bench.sections import write_section
from harness.inventory import Scored, by_kind, score, wordings

HEADING = "## Real wordings"
MODEL = "models/assistant.tar.gz"


def table(scored: List[Scored]) -> str:
    """The per-kind table of one split."""
    lines = ["| kind | right | of |", "| --- | --- | --- |"]
    for kind, (right, total) in by_kind(scored).items():
        lines.append(f"| {kind} | {right} | {total} |")
    return "\n".join(lines)


def report(
    fresh: List[Scored], second: List[Scored], held_out: List[Scored], train: List[Scored]
) -> str:
    """The section's text."""

    def share(items: List[Scored]) -> str:
        right = sum(item.right for item in items)
        return f"{right}/{len(items)} ({100 * right / max(len(items), 1):.1f}%)"

    misses = [item for item in fresh if not item.right]
    lines = [
        HEADING,
        "",
        "`python -m bench.questions`: public wordings of real questions (docs/questions/"
        "wordings.yml, each with its source address), parsed by the trained model and read into a"
        " plan in a fresh conversation. A wording counts as right when the plan asks one of the"
        ' readings that answer its question (the topic, the precise question, or the honest "not'
        ' in the guide" question), and one for each further question of a compound wording.'
        " Labels are strict: a related question's reading does not count.",
        "",
        "- final (collected last by someone who had not seen the code, never tuned on): "
        f"**{share(fresh)}**",
        f"- second (studied after an untouched score with looser labels): {share(second)}",
        f"- held out (studied after an untouched score with looser labels): {share(held_out)}",
        f"- training (shaped the cue words): {share(train)}",
        "",
        "Final wordings, per kind of question:",
        "",
        table(fresh),
    ]
    if misses:
        lines += ["", "Final misses (what was read instead):", ""]
        lines += [f"- {m.wording.text} → {', '.join(m.read) or 'nothing'}" for m in misses]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Score both splits, print the misses, write the section."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=MODEL)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    items = [item for item in wordings() if item.scored]
    scored = score(args.model, items, date.today())
    fresh = [s for s in scored if s.wording.split == "final"]
    second = [s for s in scored if s.wording.split == "second"]
    held_out = [s for s in scored if s.wording.split == "held_out"]
    train = [s for s in scored if s.wording.split == "train"]
    text = report(fresh, second, held_out, train)
    print(text)
    for miss in (s for s in train if not s.right):
        print(f"train miss: {miss.wording.text} ({miss.wording.kind}) → {', '.join(miss.read)}")
    if not args.no_write:
        write_section(HEADING, text)


if __name__ == "__main__":
    main()
