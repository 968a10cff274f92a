"""The third line-by-line check (docs/checks/third_check.md): one row per problem it found.

Each row quotes the guide's words (checked to be in the guide's text) and checks the
knowledge base or a reply against them. Numbers are the check's (T1–T12).
"""

from __future__ import annotations

from typing import Callable

import pytest

from tests.knowledge.test_guide_wording import (
    JILIN,
    KUNMING,
    NINGBO,
    PHRASES,
    READER,
    TODAY,
    WENZHOU,
    one,
    replies,
)
from tests.knowledge.test_second_check import KB, check_row, point


def t1() -> None:
    assert "大龄失业人员失业保险金" in point("wenzhou", "senior_age").text


def t2() -> None:
    for point_id in ("bank_card", "system_fields"):
        assert "以失业保险金申领为例" in point("wenzhou", point_id).text


def t3() -> None:
    assert "电脑上" not in point("jilin", "device").text
    assert "小程序" in point("jilin", "device").text


def t5() -> None:
    assert "单位不续签" not in KB.case_terms.separation["contract_ended"].label


def t6() -> None:
    assert READER.read("单位给我降薪了", TODAY).facts.separation == "employer_issue"
    assert READER.read("单位给我降薪，我就辞职了", TODAY).facts.separation == "resigned_employer"


def t7() -> None:
    kunming = KB.regions["kunming"].region.benefits[0]
    assert kunming.documents is not None
    assert any("电子社保卡" in note for note in kunming.documents.notes)


def t8_t9() -> None:
    assert "失业补助金添加" in point("jilin", "menu_option").text
    assert "失业保险金申请" in point("kunming", "menu_option").text


def t10() -> None:
    assert "{source}" in PHRASES.texts["utter_province_partly_covered"]


def t11() -> None:
    texts = one(replies("宁波的办理地点在哪"))
    assert "区县人社局" in texts and "指南没有写地址" in texts


def t12() -> None:
    texts = one(replies("吉林，社保在沈阳交的，交了8个月，能领补助金吗"))
    assert "最后参保地" in texts


ROWS = [
    (1, WENZHOU, "失业补助金、大龄失业人员失业保险金待遇申领流程", t1),
    (2, WENZHOU, "以失业保险金申领为例，手动选择参保地", t2),
    (3, JILIN, "吉林掌上社保", t3),
    (5, NINGBO, "(1)终止劳动合同的", t5),
    (6, NINGBO, "因本人意愿中断就业,必须同时具备两个特征", t6),
    (7, KUNMING, "领取电子社保卡", t7),
    (8, JILIN, "点击“失业补助金添加”", t8_t9),
    (10, WENZHOU, "http://si.12333.gov.cn", t10),
    (11, NINGBO, "四、办理地址及电话", t11),
    (12, JILIN, "到失业保险最后参保地社会保险局申领", t12),
]


@pytest.mark.parametrize(("number", "file", "words", "check"), ROWS, ids=[str(r[0]) for r in ROWS])
def test_problem(number: int, file: str, words: str, check: Callable[[], None]) -> None:
    check_row(f"T{number}", file, words, check)
