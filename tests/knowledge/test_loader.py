"""Loading validates every file and fails fast, naming the file and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.knowledge.loader import load_knowledge
from bot.knowledge.paths import KNOWLEDGE_DIR
from bot.knowledge.schema import KnowledgeError


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A private copy of knowledge/ to break."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


def edit(path: Path, change) -> None:
    """Load a YAML file, change it, write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_repository_knowledge_loads(knowledge):
    counts = {rid: len(data.offices) for rid, data in knowledge.regions.items()}
    assert counts == {"wenzhou": 14, "jilin": 52, "kunming": 17, "ningbo": 11}


@pytest.mark.parametrize(
    ("file", "change", "message"),
    [
        (
            "offices/ningbo.yml",
            lambda d: d["offices"][2].pop("phones"),
            "offices/ningbo.yml: offices[2].phones: missing required field 'phones'",
        ),
        (
            "offices/wenzhou.yml",
            lambda d: d["offices"][0].update(phones=[]),
            "offices/wenzhou.yml: offices[0].phones: required field 'phones' is empty",
        ),
        (
            "regions/kunming.yml",
            lambda d: d["benefits"][0].update(fee="1元"),
            "regions/kunming.yml: benefits[0]: unknown field 'fee'",
        ),
        (
            "regions/ningbo.yml",
            lambda d: d["benefits"][0]["duration_rule"].update(step_months="八"),
            "regions/ningbo.yml: benefits[0].duration_rule.step_months: expected int, got str",
        ),
        (
            "regions/jilin.yml",
            lambda d: d["offices"].update(main_office="不存在的局"),
            "regions/jilin.yml: offices.main_office: '不存在的局' is not in the table",
        ),
        (
            "national.yml",
            lambda d: d["hotline"].pop("number"),
            "national.yml: hotline.number: missing required field 'number'",
        ),
        (
            "national.yml",
            lambda d: d["hotline"].pop("note"),
            "national.yml: hotline.note: missing required field 'note'",
        ),
        (
            "regions/kunming.yml",
            lambda d: d.pop("phone_area_code_note"),
            "regions/kunming.yml: phone_area_code needs phone_area_code_note",
        ),
        (
            "regions/ningbo.yml",
            lambda d: d["benefits"][0]["eligibility"]["checks"][1]["accepted"].append("fired"),
            "regions/ningbo.yml: benefits[0].eligibility: unknown separation 'fired'",
        ),
        (
            "regions/ningbo.yml",
            lambda d: d["benefits"][0]["eligibility"]["checks"][0].update(fact="salary"),
            "regions/ningbo.yml: benefits[0].eligibility: unknown fact 'salary'",
        ),
        (
            "regions/ningbo.yml",
            lambda d: d["benefits"][0]["where"]["cases"][0]["when"].update(hukou=["martian"]),
            "regions/ningbo.yml: benefits[0].where.cases: unknown hukou 'martian'",
        ),
        (
            "case_terms.yml",
            lambda d: d["separation"]["dismissed"].pop("phrases"),
            "case_terms.yml: separation.dismissed.phrases: missing required field 'phrases'",
        ),
    ],
)
def test_broken_file_names_file_and_field(knowledge_copy, file, change, message):
    edit(knowledge_copy / file, change)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(knowledge_copy)
    assert message in str(error.value)


def test_invalid_yaml_names_the_file(knowledge_copy):
    (knowledge_copy / "regions" / "wenzhou.yml").write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"wenzhou\.yml: not valid YAML"):
        load_knowledge(knowledge_copy)
