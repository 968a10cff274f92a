"""A verdict given again: short when it has not changed, marked when a correction changed it.

"那我到底能不能领" after the verdict: its headline and the lines that decide, not the whole
block again. "不对，是5月底走的" that turns a ✅ into a ❌: said first that it changed.
"""

import hashlib
from dataclasses import replace
from typing import Iterable, List, Optional, Sequence

from bot.replies import Reply

# The short wording of each verdict, when the same verdict was already given.
AGAIN = {
    "utter_verdict_yes": "utter_verdict_yes_again",
    "utter_verdict_yes_window": "utter_verdict_yes_window_again",
    "utter_verdict_no": "utter_verdict_no_again",
    "utter_verdict_depends": "utter_verdict_depends_again",
    "utter_verdict_not_in_guide": "utter_verdict_not_in_guide_again",
}
CHANGED = "utter_verdict_changed"
RESPONSES = (*AGAIN.values(), CHANGED)
# The lines of a verdict kept in its short wording: what fails, and the deadline.
_DECIDING = ("✘", "⏰", "⚠️")
_OPEN = "utter_verdict_depends"
_SAID = "verdict"
_OUTCOME = "verdict-outcome"


def verdict_keys(reply: Reply) -> List[str]:
    """What a verdict reply leaves in the conversation's memory: its words, and its outcome."""
    if reply.response not in AGAIN:
        return []
    digest = hashlib.sha1(repr(_compared(reply)).encode("utf-8")).hexdigest()[:10]
    return [f"{_SAID}:{digest}", f"{_OUTCOME}:{_whom(reply)}:{reply.response}"]


def restated(part: Sequence[Reply], sent: Iterable[str], again: bool) -> List[Reply]:
    """The verdicts of ``part`` as they should be said now, given what was ``sent`` before.

    ``again``: the whole answer is wanted again ("再发一遍", or a fact told to check).
    """
    said = tuple(sent)
    kept: List[Reply] = []
    for reply in part:
        if reply.response not in AGAIN:
            kept.append(reply)
            continue
        words, outcome = verdict_keys(reply)
        before = _last_outcome(said, _whom(reply))
        if before not in (None, outcome) and not before.endswith(_OPEN):
            # an open verdict ("还要看一点") that gets its answer has not changed
            kept.extend([Reply(CHANGED, {}), reply])
        elif words in said and not again:
            kept.append(_short(reply))
        else:
            kept.append(reply)
    return kept


def _short(reply: Reply) -> Reply:
    findings = str(reply.values.get("findings", ""))
    deciding = [line for line in findings.splitlines() if line.startswith(_DECIDING)]
    return replace(
        reply,
        response=AGAIN[reply.response],
        values={**reply.values, "findings": "\n".join(deciding)},
    )


def _whom(reply: Reply) -> str:
    """Whose verdict, for which benefit of which region."""
    values = reply.values
    return f"{values.get('region', '')}|{values.get('benefit', '')}|{values.get('whose', '')}"


def _compared(reply: Reply) -> tuple:
    # the deadline line counts days: a verdict given again the next day is the same one
    findings = str(reply.values.get("findings", ""))
    lines = tuple(line for line in findings.splitlines() if not line.startswith("⏰"))
    return (reply.response, _whom(reply), lines, reply.values.get("question", ""))


def _last_outcome(said: Sequence[str], whom: str) -> Optional[str]:
    prefix = f"{_OUTCOME}:{whom}:"
    return next((key for key in reversed(said) if key.startswith(prefix)), None)
