"""Reproducible extraction of the office tables from the guide texts.

Each guide lays its table out differently; one parser per layout turns the text
into plain office records. Run ``python -m bot.knowledge.extract`` to rewrite
``knowledge/offices/*.yml``; ``tests/knowledge/test_extract.py`` fails when the
committed files differ from a fresh extraction.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional

import yaml

from bot.knowledge.paths import KNOWLEDGE_DIR, OFFICES_DIR, REGIONS_DIR, SOURCES_DIR

OfficeRecord = Dict[str, object]

PHONE = re.compile(r"(?:0\d{2,3}-\s*\d{5,8}|1\d{10}|\d{7,8})")


def find_phones(line: str) -> List[str]:
    """Return every phone number on a line, spaces after the area code removed."""
    return [re.sub(r"\s+", "", match) for match in PHONE.findall(line)]


def _only_phones(line: str) -> bool:
    rest = PHONE.sub("", line)
    return not re.sub(r"[\s、,，/]", "", rest)


def _lines_after(
    text: str, marker: str, until: Optional[str] = None, keep_indent: bool = False
) -> List[str]:
    """Non-empty lines after the line containing ``marker`` (stripped unless told)."""
    start = text.index(marker)
    body = text[start:].split("\n", 1)[1]
    if until and until in body:
        body = body[: body.index(until)]
    return [
        line.rstrip() if keep_indent else line.strip() for line in body.splitlines() if line.strip()
    ]


def _rows_with_phones(lines: List[str], fields: int) -> Iterator[List[object]]:
    """Group lines into rows of ``fields`` text cells followed by phone lines."""
    index = 0
    while index < len(lines):
        cells = lines[index : index + fields]
        index += fields
        phones: List[str] = []
        while index < len(lines) and _only_phones(lines[index]):
            phones += find_phones(lines[index])
            index += 1
        yield [*cells, phones]


def parse_wenzhou_rows(text: str) -> List[OfficeRecord]:
    """Tab-indented rows: area, office, address, then one or more phone lines."""
    lines = _lines_after(text, "具体经办机构地址如下")
    header = ["参保", "经办机构", "联系地址", "联系电话"]
    while lines and any(lines[0].startswith(h) for h in header):
        lines.pop(0)
    offices = []
    for area, name, address, phones in _rows_with_phones(lines, 3):
        offices.append({"name": name, "area": area, "address": address, "phones": phones})
    return offices


def parse_jilin_prefecture_table(text: str) -> List[OfficeRecord]:
    """Tab-separated rows; the prefecture is given on a group's first row only."""
    lines = _lines_after(text, "地区\t单位\t咨询电话", keep_indent=True)
    offices = []
    prefecture = ""
    for line in lines:
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) != 3:
            continue
        if cells[0]:
            prefecture = cells[0]
        name = cells[1]
        match = re.fullmatch(r"(.+?)社会保险局(?:(.+)分局)?", name)
        area = (match.group(2) or match.group(1)) if match else name
        offices.append(
            {
                "name": name,
                "area": area.removesuffix("管委会"),
                "prefecture": prefecture,
                "phones": find_phones(cells[2]),
            }
        )
    return offices


def parse_kunming_numbered_rows(text: str) -> List[OfficeRecord]:
    """Rows of number, office, address, bank, phones (two joined by 、)."""
    lines = _lines_after(text, "待遇发放联系方式")
    lines = lines[lines.index("联系电话") + 1 :]
    offices = []
    for number, name, address, bank, phones in _rows_with_phones(lines, 4):
        if not str(number).isdigit():
            raise ValueError(f"Kunming table out of step at {number!r}")
        area = re.match(r"(.+?)(?:管委会)?就业", str(name))
        offices.append(
            {
                "name": name,
                "area": area.group(1) if area else name,
                "address": address,
                "bank": bank,
                "phones": phones,
            }
        )
    return offices


def parse_ningbo_blocks(text: str) -> List[OfficeRecord]:
    """Blocks of four lines: office, address, phone, opening hours."""
    lines = _lines_after(text, "四、办理地址及电话", until="五、常见问题解答")
    offices = []
    for start in range(0, len(lines) - len(lines) % 4, 4):
        name, address, phone, hours = lines[start : start + 4]
        match = re.fullmatch(r"宁波(?:市)?(.+?)人力资源和社会保障(?:局|网)", name)
        offices.append(
            {
                "name": name,
                "area": match.group(1) if match else name,
                "address": address,
                "phones": find_phones(phone),
                "hours": hours,
            }
        )
    return offices


PARSERS: Dict[str, Callable[[str], List[OfficeRecord]]] = {
    "wenzhou_rows": parse_wenzhou_rows,
    "jilin_prefecture_table": parse_jilin_prefecture_table,
    "kunming_numbered_rows": parse_kunming_numbered_rows,
    "ningbo_blocks": parse_ningbo_blocks,
}

HEADER = "# Generated by `python -m bot.knowledge.extract` from the guide; do not edit.\n"


def extract_region(region_file: Path) -> str:
    """Return the generated offices YAML for one region file."""
    region = yaml.safe_load(region_file.read_text(encoding="utf-8"))
    guide = region["guide"]["file"]
    table = region["offices"]
    text = (SOURCES_DIR / guide).read_text(encoding="utf-8")
    offices = PARSERS[table["format"]](text)
    document = {"source": {"file": guide, "section": table["section"]}, "offices": offices}
    return HEADER + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=200)


def generated_files() -> Dict[Path, str]:
    """Map every offices file to the content a fresh extraction gives."""
    return {
        OFFICES_DIR / region_file.name: extract_region(region_file)
        for region_file in sorted(REGIONS_DIR.glob("*.yml"))
    }


def main() -> None:
    """Rewrite knowledge/offices/*.yml from the guides."""
    OFFICES_DIR.mkdir(exist_ok=True)
    for path, content in generated_files().items():
        path.write_text(content, encoding="utf-8")
        print(f"wrote {path.relative_to(KNOWLEDGE_DIR.parent)}")


if __name__ == "__main__":
    main()
