"""The fifth and sixth checks (docs/checks/fifth_check.md, sixth_check.md): a row per problem."""

from __future__ import annotations

from typing import Callable

import pytest

from tests.knowledge.test_guide_wording import JILIN, NINGBO, PHRASES, WENZHOU, one, replies
from tests.knowledge.test_second_check import check_row


def x1() -> None:
    texts = one(replies("宁波的", "身份证只带复印件行吗"))
    assert "原件和复印件都要带" in texts


def x2() -> None:
    texts = one(replies("吉林的", "现场办只带社保卡行不行"))
    assert "只凭激活金融功能的社会保障卡就可以" in texts


def x3() -> None:
    assert "还没有领完" not in PHRASES.texts["utter_line_insurance_expired_not_met"]


def n1() -> None:
    texts = one(replies("温州鹿城的", "窗口办理身份证没有怎么办"))
    assert "带另外一种就可以" in texts and "指南没有写" not in texts


ROWS = [
    (1, NINGBO, "身份证、户口薄(原件及复印件)", x1),
    (2, JILIN, "激活金融功能社会保障卡", x2),
    (3, JILIN, "领取失业保险金期满仍未就业的失业人员", x3),
    (4, WENZHOU, "失业人员凭本人身份证或社会保障卡", n1),
]


@pytest.mark.parametrize(("number", "file", "words", "check"), ROWS, ids=[str(r[0]) for r in ROWS])
def test_problem(number: int, file: str, words: str, check: Callable[[], None]) -> None:
    check_row(f"X{number}", file, words, check)
