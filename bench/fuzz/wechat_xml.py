"""The inner XML of well-formed WeChat pushes (text, media and event messages)."""

from __future__ import annotations

import random
import time
from typing import List, Tuple

from bench.fuzz.state import State
from bench.fuzz.text import phrase, question

Fields = List[Tuple[str, str]]  # tag and raw XML content, in order
MENU_KEYS = ("ELIGIBILITY", "DOCUMENTS", "OFFICES", "CALCULATE")


def cdata(text: str) -> str:
    """``text`` in CDATA, ``]]>`` split the way the platform does."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def msg_id(rng: random.Random) -> str:
    """A 16-digit MsgId."""
    return str(10**15 + rng.randrange(9 * 10**15))


def message_fields(rng: random.Random, sender: str) -> Fields:
    """The fields of a well-formed push of a random type (mostly text)."""
    head = head_fields(sender)
    pick = rng.random()
    if pick < 0.6:
        body = [("MsgType", cdata("text")), ("Content", cdata(xml_phrase(rng)))]
    elif pick < 0.68:
        body = [("MsgType", cdata("voice")), ("MediaId", cdata("m")), ("Format", cdata("amr"))]
        if rng.random() < 0.7:
            body.append(("Recognition", cdata(xml_phrase(rng))))
    elif pick < 0.76:
        msg_type, extra = rng.choice(
            (
                ("image", [("PicUrl", cdata("http://x/a.png")), ("MediaId", cdata("m"))]),
                ("location", [("Location_X", "1.5"), ("Location_Y", "2"), ("Scale", "3")]),
                ("link", [("Title", cdata("t")), ("Url", cdata("http://x"))]),
                ("file", [("Title", cdata("t")), ("FileKey", cdata("k"))]),
                ("video", [("MediaId", cdata("m")), ("ThumbMediaId", cdata("t"))]),
                ("shortvideo", [("MediaId", cdata("m"))]),
            )
        )
        body = [("MsgType", cdata(msg_type)), *extra]
    else:
        return head + event_fields(rng)
    return head + body + [("MsgId", msg_id(rng))]


def head_fields(sender: str) -> Fields:
    """ToUserName, FromUserName and CreateTime (now) of a push from ``sender``."""
    return [
        ("ToUserName", cdata("gh_test")),
        ("FromUserName", cdata(sender)),
        ("CreateTime", str(int(time.time()))),
    ]


def event_fields(rng: random.Random) -> Fields:
    """The fields of an event push."""
    event = rng.choice(
        ("subscribe", "subscribe", "CLICK", "CLICK", "unsubscribe", "SCAN", "VIEW", "LOCATION")
    )
    fields = [("MsgType", cdata("event")), ("Event", cdata(event))]
    if event == "CLICK":
        fields.append(("EventKey", cdata(rng.choice(MENU_KEYS + ("NO_SUCH_KEY", "")))))
    elif event in ("subscribe", "SCAN") and rng.random() < 0.5:
        fields.append(("EventKey", cdata(f"qrscene_{rng.randint(0, 10**6)}")))
    elif event == "VIEW":
        fields.append(("EventKey", cdata("http://x/menu")))
    elif event == "LOCATION":
        fields += [("Latitude", "23.1"), ("Longitude", "113.3"), ("Precision", "119.3")]
    return fields


def xml_phrase(rng: random.Random) -> str:
    """User text that can stand in XML (no characters XML forbids)."""
    text = "".join(c for c in phrase(rng) if c in "\t\n\r" or c >= " ")
    text = "".join(c for c in text if c not in "\ufffe\uffff\x7f")
    return text if text.strip() else question(rng)


def render_xml(fields: Fields, root: str = "xml") -> str:
    """The push as XML text."""
    return f"<{root}>" + "".join(f"<{tag}>{value}</{tag}>" for tag, value in fields) + f"</{root}>"


def valid_inner(rng: random.Random, state: State) -> bytes:
    """A well-formed push from one of the pool's users."""
    return render_xml(message_fields(rng, rng.choice(state.openids))).encode("utf-8")


def set_field(fields: Fields, tag: str, value: str) -> Fields:
    """``fields`` with ``tag`` set to ``value`` (added when missing)."""
    if any(t == tag for t, _ in fields):
        return [(t, value if t == tag else v) for t, v in fields]
    return fields + [(tag, value)]
