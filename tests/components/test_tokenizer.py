"""CleanJiebaTokenizer: Jieba's tokens without the whitespace-only ones, with the user dictionary."""

from __future__ import annotations

from typing import List

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from components.tokenizer import CleanJiebaTokenizer
from harness.servers import ROOT


@pytest.fixture
def tokenizer(tmp_path) -> CleanJiebaTokenizer:
    """The tokenizer as config.yml configures it, with the generated user dictionary."""
    config = {
        **CleanJiebaTokenizer.get_default_config(),
        "dictionary_path": str(ROOT / "generated" / "jieba"),
    }
    return CleanJiebaTokenizer.create(
        config,
        LocalModelStorage(tmp_path),
        Resource("tokenizer"),
        ExecutionContext(GraphSchema({}), "test"),
    )


def tokens(tokenizer: CleanJiebaTokenizer, text: str) -> List[str]:
    return [token.text for token in tokenizer.tokenize(Message({TEXT: text}), TEXT)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("宁波 失业金  怎么领", None),
        ("  \t ", ["_"]),
        ("", []),
        ("hello   world 你好", None),
    ],
)
def test_no_whitespace_tokens(tokenizer: CleanJiebaTokenizer, text: str, expected) -> None:
    result = tokens(tokenizer, text)
    assert all(token.strip() for token in result)
    if expected is not None:
        assert result == expected


@pytest.mark.parametrize("term", ["失业保险金", "失业补助金", "鹿城区"])
def test_user_dictionary_keeps_terms_whole(tokenizer: CleanJiebaTokenizer, term: str) -> None:
    assert term in tokens(tokenizer, f"我想问{term}的事")


@pytest.mark.parametrize(
    "traditional, simplified",
    [
        ("請問寧波失業金每個月多少錢", "请问宁波失业金每个月多少钱"),
        ("我問的是結果在網上哪裡查", "我问的是结果在网上哪里查"),
    ],
)
def test_traditional_characters_are_tokenized_as_simplified(
    tokenizer: CleanJiebaTokenizer, traditional: str, simplified: str
) -> None:
    message = Message({TEXT: traditional})
    found = tokenizer.tokenize(message, TEXT)
    assert [t.text for t in found] == tokens(tokenizer, simplified)
    assert [(t.start, t.end) for t in found] == [
        (t.start, t.end) for t in tokenizer.tokenize(Message({TEXT: simplified}), TEXT)
    ]
    assert message.get(TEXT) == traditional  # the message's own text is kept
