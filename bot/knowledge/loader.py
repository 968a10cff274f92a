"""Load and validate every knowledge file into one :class:`KnowledgeBase`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Tuple

import yaml

from bot.knowledge.model import (
    YES_NO_FACTS,
    YES_NO_VALUES,
    CaseTerms,
    Gazetteer,
    National,
    Office,
    OfficeTable,
    Question,
    Questions,
    Region,
)
from bot.knowledge.paths import (
    CASE_TERMS_FILE,
    GAZETTEER_FILE,
    KNOWLEDGE_DIR,
    NATIONAL_FILE,
    OFFICES_DIR,
    QUESTIONS_FILE,
    REGIONS_DIR,
)
from bot.knowledge.schema import KnowledgeError, build


@dataclass(frozen=True)
class RegionData:
    """A region with its offices and where its office table comes from."""

    region: Region
    offices: Tuple[Office, ...]
    office_source: str


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything the assistant knows, validated."""

    regions: Dict[str, RegionData]
    national: National
    gazetteer: Gazetteer
    case_terms: CaseTerms
    questions: Tuple[Question, ...] = ()
    # How a reply names each topic's question (questions.yml ``topics``).
    topic_labels: Dict[str, str] = field(default_factory=dict)


def _read(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{path.name}: not valid YAML: {error}") from error


def load_region(region_file: Path, offices_dir: Path = OFFICES_DIR) -> RegionData:
    """Load one region file and its generated offices file."""
    name = _relative(region_file)
    region = build(Region, _read(region_file), name)
    offices_file = offices_dir / region_file.name
    if not offices_file.exists():
        raise KnowledgeError(f"{name}: no offices file {_relative(offices_file)}")
    table = build(OfficeTable, _read(offices_file), _relative(offices_file))
    names = {office.name for office in table.offices}
    main = region.offices.main_office
    if main and main not in names:
        raise KnowledgeError(f"{name}: offices.main_office: '{main}' is not in the table")
    if main and not (region.offices.main_office_label and region.offices.areas_label):
        raise KnowledgeError(f"{name}: offices.main_office needs main_office_label and areas_label")
    for area in region.offices.area_aliases:
        if area not in {office.area for office in table.offices}:
            raise KnowledgeError(f"{name}: offices.area_aliases: unknown area '{area}'")
    if region.phone_area_code and not region.phone_area_code_note:
        raise KnowledgeError(f"{name}: phone_area_code needs phone_area_code_note")
    if table.source.file != region.guide.file:
        raise KnowledgeError(f"{_relative(offices_file)}: source.file is not the region's guide")
    return RegionData(region=region, offices=table.offices, office_source=table.source.section)


def load_knowledge(directory: Path = KNOWLEDGE_DIR) -> KnowledgeBase:
    """Load every region, the national facts and the gazetteer; raise on any fault."""
    regions: Dict[str, RegionData] = {}
    for region_file in sorted((directory / REGIONS_DIR.name).glob("*.yml")):
        data = load_region(region_file, directory / OFFICES_DIR.name)
        if data.region.id in regions:
            raise KnowledgeError(f"{_relative(region_file)}: id: duplicate '{data.region.id}'")
        regions[data.region.id] = data
    if not regions:
        raise KnowledgeError(f"{directory}: no region files")
    national = build(National, _read(directory / NATIONAL_FILE.name), NATIONAL_FILE.name)
    gazetteer = build(Gazetteer, _read(directory / GAZETTEER_FILE.name), GAZETTEER_FILE.name)
    terms = build(CaseTerms, _read(directory / CASE_TERMS_FILE.name), CASE_TERMS_FILE.name)
    for value in (
        *terms.separation_answers,
        *(answer for term in terms.separation.values() for answer in term.answers),
    ):
        if value not in terms.separation:
            raise KnowledgeError(f"{CASE_TERMS_FILE.name}: unknown separation '{value}'")
    inventory = build(Questions, _read(directory / QUESTIONS_FILE.name), QUESTIONS_FILE.name)
    questions = check_questions(inventory.questions)
    for region_file in sorted((directory / REGIONS_DIR.name).glob("*.yml")):
        region_id = region_file.stem
        if region_id in regions:
            region = regions[region_id].region
            check_case_values(region, terms, _relative(region_file))
            for index, benefit in enumerate(region.benefits):
                for point in benefit.points:
                    if point.id not in questions:
                        raise KnowledgeError(
                            f"{_relative(region_file)}: benefits[{index}].points: "
                            f"'{point.id}' is not in {QUESTIONS_FILE.name}"
                        )
    return KnowledgeBase(
        regions=regions,
        national=national,
        gazetteer=gazetteer,
        case_terms=terms,
        questions=inventory.questions,
        topic_labels=inventory.topics,
    )


def check_questions(questions: Tuple[Question, ...]) -> Dict[str, Question]:
    """The questions by id; refuses a duplicate id and a cue that is not a valid pattern."""
    by_id: Dict[str, Question] = {}
    for index, question in enumerate(questions):
        if question.id in by_id:
            raise KnowledgeError(f"{QUESTIONS_FILE.name}: questions[{index}]: duplicate id")
        for cue in question.cues:
            try:
                re.compile(cue)
            except re.error as error:
                raise KnowledgeError(
                    f"{QUESTIONS_FILE.name}: questions[{index}].cues: '{cue}': {error}"
                ) from error
        by_id[question.id] = question
    return by_id


CHECKED_FACTS = ("age", "contribution", "continuous_work", "separation", "insurance_expired")


def check_case_values(region: Region, terms: CaseTerms, name: str) -> None:
    """Refuse checks and cases that name a fact or value ``case_terms.yml`` does not have."""
    tables = terms.facts()
    for index, benefit in enumerate(region.benefits):
        where = f"{name}: benefits[{index}]"
        eligibility = benefit.eligibility
        checks = []
        if eligibility is not None:
            checks = [*eligibility.checks, *(c for g in eligibility.groups for c in g.checks)]
        for check in checks:
            if check.fact not in CHECKED_FACTS:
                raise KnowledgeError(f"{where}.eligibility: unknown fact '{check.fact}'")
            for value in (*check.accepted, *check.refused, *check.undecided):
                if value not in tables["separation"]:
                    raise KnowledgeError(f"{where}.eligibility: unknown separation '{value}'")
        documents = benefit.documents
        items = (*documents.online, *documents.on_site) if documents else ()
        for item in items:
            for term in item.terms:
                if term not in terms.documents:
                    raise KnowledgeError(f"{where}.documents: unknown document term '{term}'")
        ids = [b.id for b in region.benefits]
        if benefit.procedure and benefit.procedure_of not in ids:
            raise KnowledgeError(f"{where}.procedure_of: no benefit '{benefit.procedure_of}'")
        documents = benefit.documents
        items = (*documents.online, *documents.on_site) if documents else ()
        for item in items:
            for fact, values in (item.not_for or {}).items():
                unknown = [v for v in values if v not in tables.get(fact, {})]
                if unknown:
                    raise KnowledgeError(f"{where}.documents: unknown {fact} '{unknown[0]}'")
        cases = benefit.where.cases if benefit.where else ()
        for case in cases:
            for fact, values in case.when.items():
                known = (
                    set(YES_NO_VALUES.values()) if fact in YES_NO_FACTS else tables.get(fact, {})
                )
                unknown = [v for v in values if v not in known]
                if unknown:
                    raise KnowledgeError(f"{where}.where.cases: unknown {fact} '{unknown[0]}'")


@lru_cache(maxsize=1)
def default_knowledge() -> KnowledgeBase:
    """The repository's knowledge base, loaded once per process."""
    return load_knowledge()


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(KNOWLEDGE_DIR.parent))
    except ValueError:
        return str(path)
