"""Jieba tokenizer: traditional characters read as simplified, no whitespace tokens.

Rasa 3.6's JiebaTokenizer emits whitespace tokens; these are dropped.

This module is also the one place that installs the project's replacements of Rasa
methods: the prepared action-reply validator (``components.action_validation``), the
session length limit (``components.session_length``) and the event-type table
(``components.event_types``). Why here: Rasa imports this module
by the name config.yml gives (kept in the model's graph schema, read before the graph is
built) in every process that trains, loads or tests the model (``rasa train``, ``rasa
run``, ``rasa shell``, ``rasa test``), so the Rasa server cannot serve without them.
Registering the component is done on import too (``DefaultV1Recipe.register``), so they
sit together; the action server and the ``bot`` package never import this module and are
left alone. The installers refuse, with a warning, any Rasa other than the 3.6 one they
were written against.
"""

from __future__ import annotations

from functools import lru_cache
from typing import List

from opencc import OpenCC
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.training_data.message import Message

from components.action_validation import install as install_action_validation
from components.event_types import install as install_event_types
from components.session_length import install as install_session_length


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=True)
class CleanJiebaTokenizer(JiebaTokenizer):
    """Jieba tokens without whitespace-only tokens, so mixed input featurises cleanly."""

    def tokenize(self, message: Message, attribute: str) -> List[Token]:
        """Tokenize like JiebaTokenizer, then drop tokens that are only whitespace.

        Traditional characters ("我問的是結果在網上哪裡查") are tokenized as their simplified
        forms, so they meet the training data's words; the message's own text is kept, and
        the tokens keep its offsets (only a conversion of the same length is used).
        """
        text = message.get(attribute)
        simple = _simplified(text) if isinstance(text, str) else text
        if simple != text and len(simple) == len(text):
            message.set(attribute, simple)
            try:
                found = super().tokenize(message, attribute)
            finally:
                message.set(attribute, text)
        else:
            found = super().tokenize(message, attribute)
        tokens = [token for token in found if token.text.strip()]
        if not tokens:
            text = message.get(attribute) or ""
            return [Token(text.strip() or "_", 0)] if text else []
        return tokens


@lru_cache(maxsize=4096)
def _simplified(text: str) -> str:
    return _converter().convert(text)


@lru_cache(maxsize=1)
def _converter() -> OpenCC:
    return OpenCC("t2s")


install_action_validation()
install_session_length()
install_event_types()
