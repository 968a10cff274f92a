"""A few normal messages on each channel before the idle memory is taken."""

from __future__ import annotations

import json
import random
import sys
from typing import Iterator

import aiohttp

from bench.fuzz.probe import REST, WEBCHAT, Probe, post_json
from bench.fuzz.runner import REQUEST_TIMEOUT_S, send
from bench.fuzz.state import State
from bench.fuzz.text import MAX_CHARS
from bench.fuzz.webchat import issued_token
from bench.fuzz.wechat_push import push_of, push_probe
from bench.fuzz.wechat_xml import cdata, head_fields, render_xml

LONG_QUESTION = ("宁波失业金每月能领多少钱，交了两年，需要带什么材料？" * 12)[:MAX_CHARS]
WARM_UP = ("你好", "宁波每月失业金多少", "鹿城区就业服务中心的地址", "电话是多少", LONG_QUESTION)


def warm_up_probes(mode: str) -> Iterator[Probe]:
    """A few normal messages on each channel, one of them 300 characters long."""
    state = State(random.Random(0), mode)
    for number, text in enumerate(WARM_UP):
        if mode == "plain":
            body = json.dumps({"sender": "warmup", "message": text}).encode()
            yield post_json("rest/warm-up", REST, body, "2xx")
        fields = head_fields("owarmup") + [
            ("MsgType", cdata("text")),
            ("Content", cdata(text)),
            ("MsgId", str(10**15 + number)),
        ]
        yield push_probe(state, "wechat/warm-up", push_of(state, render_xml(fields).encode()))


async def warm_up(url: str, mode: str) -> None:
    """Send the warm-up messages (web chat too, where it issues a session)."""
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    answers = []
    async with aiohttp.ClientSession(timeout=timeout) as session:
        for probe in warm_up_probes(mode):
            answers.append(await send(session, url, probe))
        if mode == "plain":
            session_probe = Probe("webchat/warm-up", "POST", f"{WEBCHAT}/session")
            answers.append(await send(session, url, session_probe))
            sender = issued_token(answers[-1].body) or "warmup"
            body = json.dumps({"sender": sender, "message": WARM_UP[1]}).encode()
            path = f"{WEBCHAT}/webhook"
            answers.append(await send(session, url, post_json("webchat/warm-up", path, body, "")))
    failed = [a.status for a in answers if a.status != 200]
    if failed:
        print(f"  warning: warm-up answers {failed}; idle memory may be low", file=sys.stderr)
