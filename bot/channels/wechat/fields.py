"""Read a WeChat XML document strictly: one flat level of text fields, nothing else.

The platform's pushes (and the safe-mode envelope) are ``<xml>`` with text children.
The parser refuses, whatever the declared or actual encoding: a DOCTYPE or any entity
declaration (so no XXE and no entity expansion), undefined entities, another root
element, attributes, a field with child elements, a field given twice, and anything
that is not well-formed XML. Input is text
(already decoded as UTF-8), which makes expat read it as UTF-8 and nothing else.
"""

from __future__ import annotations

from typing import Any, Dict, List
from xml.parsers import expat

from bot.channels.wechat.security import Refused

ROOT = "xml"


class _FlatReader:
    """Expat callbacks that collect ``<root><Field>text</Field>…</root>``."""

    def __init__(self) -> None:
        self.fields: Dict[str, str] = {}
        self.depth = 0
        self.current = ""
        self.parts: List[str] = []

    def start(self, name: str, attributes: Dict[str, str]) -> None:
        self.depth += 1
        if attributes:
            raise Refused(400, f"element {name[:40]} has attributes")
        if self.depth == 1 and name != ROOT:
            raise Refused(400, "root element is not <xml>")
        if self.depth == 2:
            if name in self.fields:
                raise Refused(400, f"field {name[:40]} given twice")
            self.current, self.parts = name, []
        elif self.depth > 2:
            raise Refused(400, f"field {self.current[:40]} has child elements")

    def end(self, _: str) -> None:
        if self.depth == 2:
            self.fields[self.current] = "".join(self.parts)
        self.depth -= 1

    def text(self, data: str) -> None:
        if self.depth == 2:
            self.parts.append(data)


def _refuse_declarations(*_: Any) -> None:
    raise Refused(400, "DOCTYPE or ENTITY not allowed")


def read_fields(xml: str) -> Dict[str, str]:
    """The text fields under the root element of ``xml``; Refused (400) on anything else."""
    reader = _FlatReader()
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_declarations
    parser.EntityDeclHandler = _refuse_declarations
    parser.UnparsedEntityDeclHandler = _refuse_declarations
    parser.ExternalEntityRefHandler = _refuse_declarations
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as error:
        raise Refused(400, "malformed XML") from error
    return reader.fields
