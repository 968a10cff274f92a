"""Layout helpers for phone screens: numbered lists, office cards, chunking.

Only symbols and layout live here; every word shown comes from the knowledge
base or the domain's responses.
"""

from __future__ import annotations

from typing import Iterable, List, Optional, Sequence

from bot.knowledge.model import DocumentItem, Hotline, Office

MAX_MESSAGE_CHARS = 600
CHUNK_CHARS = 450


def numbered(items: Iterable[str]) -> str:
    """``1. a`` / ``2. b`` lines."""
    return "\n".join(f"{index}. {item}" for index, item in enumerate(items, start=1))


def bullets(items: Iterable[str], lead: str = "\n") -> str:
    """``• a`` lines, preceded by ``lead`` when there are any (else empty)."""
    lines = [f"• {item}" for item in items]
    return lead + "\n".join(lines) if lines else ""


def document_line(document: DocumentItem) -> str:
    """A document with its condition in brackets, if it has one."""
    return f"{document.item}（{document.condition}）" if document.condition else document.item


def phones(office: Office, area_code: Optional[str] = None, note: Optional[str] = None) -> str:
    """An office's phones, the region's dialling code added to local numbers (with ``note``)."""
    numbers = [_dialable(phone, area_code) for phone in office.phones]
    added = note and any(n != phone for n, phone in zip(numbers, office.phones, strict=True))
    return " / ".join(numbers) + (f"（{note}）" if added else "")


def hotline_text(hotline: Hotline) -> str:
    """The hotline's number with its name and where it comes from."""
    return f"{hotline.number}（{hotline.name}，{hotline.note}）"


def _dialable(phone: str, area_code: Optional[str]) -> str:
    if area_code and len(phone) in (7, 8) and phone.isdigit():
        return f"{area_code}-{phone}"
    return phone


def office_card(office: Office, area_code: Optional[str] = None, note: Optional[str] = None) -> str:
    """Name, then one symbol-led line per known field."""
    lines = [f"【{office.name}】"]
    if office.address:
        lines.append(f"📍 {office.address}")
    lines.append(f"☎️ {phones(office, area_code, note)}")
    if office.hours:
        lines.append(f"🕘 {office.hours}")
    if office.bank:
        lines.append(f"🏦 {office.bank}")
    return "\n".join(lines)


def chunks(lines: Sequence[str], limit: int = CHUNK_CHARS) -> List[List[str]]:
    """Split lines into groups whose joined length stays under ``limit``."""
    groups: List[List[str]] = [[]]
    size = 0
    for line in lines:
        if groups[-1] and size + len(line) + 1 > limit:
            groups.append([])
            size = 0
        groups[-1].append(line)
        size += len(line) + 1
    return [group for group in groups if group]
