"""Mutations of the inner XML of rightly signed (and encrypted) WeChat pushes."""

from __future__ import annotations

import random
from typing import Callable, Tuple

from bench.fuzz.probe import Case
from bench.fuzz.state import State
from bench.fuzz.text import ALPHABET, ODD, code_point, question
from bench.fuzz.wechat_push import push_of, push_probe
from bench.fuzz.wechat_xml import Fields, cdata, message_fields, render_xml, set_field, xml_phrase

NUMBER_JUNK = (
    "",
    " ",
    "abc",
    "-1",
    "0",
    "1.5",
    "1e20",
    "0x10",
    "NaN",
    "２０２４",
    "²",
    "١٢٣",
    " 12 ",
    "9" * 30,
    "9" * 4_301,
    "9" * 5_000,
    "-" + "9" * 20,
    "<![CDATA[12]]>",
)


def mutate_numbers(rng: random.Random, fields: Fields) -> Tuple[str, Fields]:
    """A non-numeric, huge or negative MsgId or CreateTime."""
    tag = rng.choice(("MsgId", "CreateTime"))
    return f"bad-{tag}", set_field(fields, tag, rng.choice(NUMBER_JUNK))


def mutate_children(rng: random.Random, fields: Fields) -> Tuple[str, Fields]:
    """Child elements where text belongs."""
    tag = rng.choice(
        ("Content", "Content", "FromUserName", "MsgType", "Event", "EventKey", "Recognition")
    )
    value = rng.choice(
        (
            "<a>x</a><b/>",
            "<![CDATA[hi]]><x>1</x>",
            "<Content>nested</Content>",
            "<a><b><c>deep</c></b></a>",
            "<a/>",
            "text<br/>more",
        )
    )
    return f"children-in-{tag}", set_field(fields, tag, value)


def mutate_repeat(rng: random.Random, fields: Fields) -> Tuple[str, Fields]:
    """A field given two or three times, the same or different."""
    tag, value = rng.choice(fields)
    others = [value] * rng.randint(1, 2)
    if rng.random() < 0.6:
        others = [cdata(xml_phrase(rng)) for _ in others]
    index = rng.randint(0, len(fields))
    return "repeated-field", fields[:index] + [(tag, v) for v in others] + fields[index:]


def mutate_huge(rng: random.Random, fields: Fields) -> Tuple[str, Fields]:
    """A field of kilobytes (some pushes beyond 64 KiB)."""
    tag = rng.choice(("Content", "FromUserName", "MsgType", "EventKey", "ToUserName"))
    size = rng.choice((2_000, 20_000, 60_000, 70_000))
    return f"huge-{tag}", set_field(fields, tag, cdata(rng.choice(ALPHABET + "x😀") * (size // 3)))


def mutate_type(rng: random.Random, fields: Fields) -> Tuple[str, Fields]:
    """An unknown, empty or odd MsgType (or Event)."""
    value = rng.choice(
        (
            "",
            "TEXT",
            "Text",
            "unknown",
            "music",
            "news",
            "miniprogrampage",
            "a" * 1_000,
            "event",
            "文本",
        )
    )
    tag = "Event" if rng.random() < 0.3 else "MsgType"
    return f"odd-{tag}", set_field(fields, tag, cdata(value))


def mutate_unicode(rng: random.Random, fields: Fields) -> Tuple[str, Fields]:
    """Odd Unicode in a field (some of it not allowed in XML at all)."""
    tag = rng.choice(("Content", "Content", "FromUserName", "Recognition", "EventKey"))
    text = "".join(
        rng.choice(ODD) if rng.random() < 0.5 else code_point(rng, True) for _ in range(20)
    )
    return f"odd-unicode-in-{tag}", set_field(fields, tag, cdata(text))


def mutate_cdata_end(rng: random.Random, fields: Fields) -> Tuple[str, Fields]:
    """``]]>`` inside Content, raw (breaks the CDATA) or split properly."""
    text = question(rng) + "]]>" + rng.choice(("<x>", "]]>", "", "<![CDATA["))
    value = "<![CDATA[" + text + "]]>" if rng.random() < 0.5 else cdata(text)
    return "cdata-end", set_field(fields, "Content", value)


def mutate_missing(rng: random.Random, fields: Fields) -> Tuple[str, Fields]:
    """Fields left out."""
    drop = set(rng.sample([t for t, _ in fields], rng.randint(1, min(3, len(fields)))))
    return "missing-fields", [(t, v) for t, v in fields if t not in drop]


def mutate_refs(rng: random.Random, fields: Fields) -> Tuple[str, Fields]:
    """Character and entity references in a text field."""
    refs = rng.choice(
        ("&#0;", "&#x1F600;", "&amp;&lt;b&gt;", "&#1114112;", "&undefined;", "&#xD800;", "&")
    )
    return "references", set_field(fields, "Content", question(rng) + refs)


def mutate_sender(rng: random.Random, fields: Fields) -> Tuple[str, Fields]:
    """An empty, long, odd or namespaced FromUserName."""
    value = rng.choice(
        ("", " ", "o" * 5_000, "rest:fz1", "webchat:x", "../x", "o😀", "o\u202eabc", "null")
    )
    return "odd-sender", set_field(fields, "FromUserName", cdata(value))


def mutate_deep(rng: random.Random, fields: Fields) -> Tuple[str, Fields]:
    """Deeply nested elements inside Content."""
    depth = rng.choice((100, 1_000, 5_000))
    return "deep-nesting", set_field(fields, "Content", "<a>" * depth + "x" + "</a>" * depth)


FIELD_MUTATIONS: Tuple[Callable[[random.Random, Fields], Tuple[str, Fields]], ...] = (
    mutate_numbers,
    mutate_numbers,
    mutate_children,
    mutate_repeat,
    mutate_huge,
    mutate_type,
    mutate_unicode,
    mutate_cdata_end,
    mutate_missing,
    mutate_refs,
    mutate_sender,
    mutate_deep,
)


XML_DECLARATIONS = (
    '<?xml version="1.0"?>',
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<?xml version="1.0" encoding="GBK"?>',
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<?xml version="1.1"?>',
    '<?xml version="9"?>',
)


def mutate_structure(rng: random.Random, fields: Fields) -> Tuple[str, str]:
    """Changes around the fields: root, attributes, comments, declarations, trailing junk."""
    xml = render_xml(fields)
    pick = rng.randrange(9)
    if pick == 0:
        return "other-root", render_xml(fields, rng.choice(("XML", "root", "x:xml", "Xml")))
    if pick == 1:
        return "nested-root", f"<xml>{xml}</xml>"
    if pick == 2:
        return "attributes", xml.replace("<Content>", '<Content a="1" xmlns="urn:x">').replace(
            "<xml>", '<xml id="1" xmlns:x="urn:y">'
        )
    if pick == 3:
        return "comment", xml.replace("</ToUserName>", "</ToUserName><!-- c -->")
    if pick == 4:
        return "processing-instruction", xml.replace("<xml>", "<xml><?php echo 1; ?>")
    if pick == 5:
        return "declaration", rng.choice(XML_DECLARATIONS) + xml
    if pick == 6:
        return "trailing-junk", xml + rng.choice(("<xml></xml>", "junk", "<", "\x00"))
    if pick == 7:
        return "truncated", xml[: rng.randint(1, len(xml) - 1)]
    return "leading-junk", rng.choice(("\ufeff", " \n", "junk", "<!-- c -->")) + xml


def mutated_inner(rng: random.Random, state: State) -> Tuple[str, bytes]:
    """A push with its inner XML mutated: the mutation's name and the bytes."""
    fields = message_fields(rng, rng.choice(state.openids))
    if rng.random() < 0.25:
        name, xml = mutate_structure(rng, fields)
    else:
        name, fields = rng.choice(FIELD_MUTATIONS)(rng, fields)
        xml = render_xml(fields)
    if rng.random() < 0.05:
        return f"{name}+utf16", xml.encode("utf-16", "surrogatepass")
    return name, xml.encode("utf-8", "surrogatepass")


def inner_case(rng: random.Random, state: State) -> Case:
    """A rightly signed (and encrypted) push whose inner XML is mutated."""
    name, inner = mutated_inner(rng, state)
    push = push_of(state, inner)
    if len(push.body) > 64 * 1024:
        name += "-over-64-KiB"
    return [push_probe(state, name, push, expect="")]


INNER_GENERATORS = ((inner_case, 1.0),)
