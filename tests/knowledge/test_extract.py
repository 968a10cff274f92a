"""The knowledge base holds every phone and office of the guides, and nothing else.

Phones and office names are found here with patterns of their own, independently of
the extractor, straight from the guide texts.
"""

from __future__ import annotations

import re
from typing import Set

import pytest

from bot.knowledge.extract import generated_files
from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.paths import SOURCES_DIR

# Office name patterns per guide, written from reading the guides.
OFFICE_NAME_PATTERNS = {
    "wenzhou": (
        r"^\t([^\t\n\d]*"
        r"(?:服务中心|促进和失业保险中心|社保分局|就业管理处|社会保险中心|管理服务中心|人社科))$"
    ),
    "jilin": r"\t([^\t\n]*社会保险局(?:[^\t\n]*分局)?)\t",
    "kunming": r"^\t([^\t\n]*(?:失业保险科|失业保险中心))$",
    "ningbo": r"^\s*(\S*人力资源和社会保障(?:局|网))$",
}
EXPECTED_COUNTS = {"wenzhou": 14, "jilin": 52, "kunming": 17, "ningbo": 11}


def guide_text(knowledge: KnowledgeBase, region_id: str) -> str:
    """The guide text of a region."""
    guide = knowledge.regions[region_id].region.guide.file
    return (SOURCES_DIR / guide).read_text(encoding="utf-8")


def guide_phones(text: str) -> Set[str]:
    """Every phone number in a guide: area-code numbers, 8-digit locals, mobiles."""
    found = re.findall(r"(?<![\w.])(0\d{2,3}-\s*\d{5,8}|1\d{10}|\d{8})(?![\w.])", text)
    return {re.sub(r"\s", "", phone) for phone in found}


@pytest.mark.parametrize("region_id", sorted(EXPECTED_COUNTS))
def test_every_guide_phone_is_in_the_knowledge_base(knowledge, region_id):
    phones = {p for o in knowledge.regions[region_id].offices for p in o.phones}
    assert guide_phones(guide_text(knowledge, region_id)) <= phones


@pytest.mark.parametrize("region_id", sorted(EXPECTED_COUNTS))
def test_knowledge_base_holds_no_phone_missing_from_its_guide(knowledge, region_id):
    phones = {p for o in knowledge.regions[region_id].offices for p in o.phones}
    assert phones <= guide_phones(guide_text(knowledge, region_id))


@pytest.mark.parametrize("region_id", sorted(EXPECTED_COUNTS))
def test_every_office_name_of_the_guide_is_in_the_knowledge_base(knowledge, region_id):
    text = guide_text(knowledge, region_id)
    names = set(re.findall(OFFICE_NAME_PATTERNS[region_id], text, flags=re.M))
    offices = {o.name for o in knowledge.regions[region_id].offices}
    assert len(names) == EXPECTED_COUNTS[region_id]
    assert names == offices


@pytest.mark.parametrize(
    ("region_id", "office", "phones"),
    [
        ("wenzhou", "鹿城区就业服务中心", ("0577-56987618",)),
        ("wenzhou", "乐清市就业管理处", ("0577-62558170", "0577-62524884")),
        ("wenzhou", "瑞安市社会保险中心", ("0577-66817210", "0577-66809203")),
        ("kunming", "东川区就业局失业保险科", ("62138526", "62138524")),
        ("kunming", "寻甸县就业局失业保险科", ("13354909010",)),
        ("jilin", "琿春市社会保险局", ("0433-7512409",)),
        ("ningbo", "宁波市北仑区人力资源和社会保障局", ("0574-12333",)),
    ],
)
def test_office_phones_as_in_guide(knowledge, region_id, office, phones):
    offices = {o.name: o for o in knowledge.regions[region_id].offices}
    assert offices[office].phones == phones


def test_jilin_prefecture_carried_down_its_group(knowledge):
    offices = {o.name: o for o in knowledge.regions["jilin"].offices}
    assert offices["农安县社会保险局"].prefecture == "长春地区"
    assert offices["安图县社会保险局"].prefecture == "延边地区"
    assert offices["梅河口市社会保险局"].prefecture == "梅河口"


def test_kunming_banks_and_ningbo_hours(knowledge):
    kunming = {o.area: o for o in knowledge.regions["kunming"].offices}
    assert kunming["五华区"].bank == "交通银行"
    assert kunming["富民县"].bank == "农村信用合作联社"
    assert all(o.hours == "周一到周五:9:00-17:00" for o in knowledge.regions["ningbo"].offices)


def test_committed_office_files_match_a_fresh_extraction():
    for path, content in generated_files().items():
        assert path.read_text(encoding="utf-8") == content, (
            f"{path.name} is stale: run `make assets`"
        )
