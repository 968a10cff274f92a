"""The strict XML reader: flat text fields only, no declarations, whatever the encoding."""

from __future__ import annotations

import pytest

from bot.channels.wechat.fields import read_fields
from bot.channels.wechat.security import Refused

BOMB = '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><xml><C>&b;</C></xml>'
XXE = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><C>&e;</C></xml>'
PARAMETER = '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1/x.dtd"> %p;]><xml/>'


def test_fields_are_read_with_cdata_and_escapes():
    xml = "<xml><A><![CDATA[x]]]]><![CDATA[>y]]></A><B>1 &lt; 2</B><E></E></xml>"
    assert read_fields(xml) == {"A": "x]]>y", "B": "1 < 2", "E": ""}


@pytest.mark.parametrize(
    ("xml", "reason"),
    [
        (BOMB, "DOCTYPE"),
        (XXE, "DOCTYPE"),
        (PARAMETER, "DOCTYPE"),
        ('<?xml version="1.0" encoding="UTF-16"?>' + BOMB, "DOCTYPE"),
        ("<xml><C>&undefined;</C></xml>", "malformed"),
        ("<xml><C><D>1</D></C></xml>", "child elements"),
        ("<xml><C>1</C><C>2</C></xml>", "given twice"),
        ("<xml><C>1</C>", "malformed"),
        ("<xml><C>\x00</C></xml>", "malformed"),
        ("<xml>" + "<C>1</C>" * 2, "given twice"),
        ("<foo><C>1</C></foo>", "root element"),
        ("<xml><C x='1'>1</C></xml>", "attributes"),
        ("<xml a='b'><C>1</C></xml>", "attributes"),
    ],
)
def test_declarations_and_odd_shapes_are_refused(xml, reason):
    with pytest.raises(Refused, match=reason) as refused:
        read_fields(xml)
    assert refused.value.status == 400


def test_utf16_body_with_entities_never_reaches_the_fields():
    # A UTF-16 body without BOM decodes as "UTF-8" with NULs; expat must still refuse it.
    body = ('<?xml version="1.0" encoding="UTF-16"?>' + BOMB).encode("utf-16-le")
    with pytest.raises(Refused):
        read_fields(body.decode("utf-8"))
