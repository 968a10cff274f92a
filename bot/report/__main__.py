"""``python -m bot.report --endpoints endpoints.yml --since 7d --out reports``.

Reads the conversations of the period from the tracker store named in the endpoints file
and writes report.html, report.md and nlu_candidates.yml into the output folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from pathlib import Path
from typing import List, Optional

from bot.report.render import write
from bot.report.settings import SETTINGS_FILE, read_settings
from bot.report.source import conversations
from bot.report.tally import Tally
from bot.stores.location import UnsupportedStore, opened, store_url

_PERIOD = re.compile(r"^(\d+)([dh])$")


def since_time(text: str, now: dt.datetime) -> dt.datetime:
    """The start of the period: ``7d``, ``12h`` before ``now``, or a date ``YYYY-MM-DD`` (UTC)."""
    match = _PERIOD.match(text.strip())
    if match:
        number, unit = int(match.group(1)), match.group(2)
        return now - (dt.timedelta(days=number) if unit == "d" else dt.timedelta(hours=number))
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m-%d").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--since: 7d, 12h or YYYY-MM-DD, not {text!r}") from None


def main(argv: Optional[List[str]] = None) -> int:
    """Write the report; 0 on success, 2 on a bad argument or an unsupported store."""
    parser = argparse.ArgumentParser(prog="python -m bot.report", description=__doc__)
    parser.add_argument("--endpoints", type=Path, default=Path("endpoints.yml"))
    parser.add_argument("--since", default="7d", help="7d, 12h or YYYY-MM-DD (default 7d)")
    parser.add_argument("--out", type=Path, default=Path("reports"))
    parser.add_argument("--settings", type=Path, default=SETTINGS_FILE)
    args = parser.parse_args(argv)
    until = dt.datetime.now(dt.timezone.utc)
    try:
        since = since_time(args.since, until)
        url = store_url(args.endpoints)
    except (argparse.ArgumentTypeError, UnsupportedStore, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    with opened(url) as engine:
        tally = Tally(read_settings(args.settings)).add_all(
            conversations(engine, since.timestamp())
        )
    paths = write(tally, args.out, since, until)
    print(
        f"{tally.users} users, {tally.conversations} conversations, {tally.messages} messages, "
        f"{sum(tally.unanswered.values())} unanswered; read in "
        f"{time.perf_counter() - started:.1f} s → " + ", ".join(str(path) for path in paths)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
