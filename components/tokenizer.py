"""Jieba tokenizer that drops the whitespace tokens Rasa 3.6's JiebaTokenizer emits."""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=True)
class CleanJiebaTokenizer(JiebaTokenizer):
    """Jieba tokens without whitespace-only tokens, so mixed input featurises cleanly."""

    def tokenize(self, message: Message, attribute: str) -> List[Token]:
        """Tokenize like JiebaTokenizer, then drop tokens that are only whitespace."""
        tokens = [token for token in super().tokenize(message, attribute) if token.text.strip()]
        if not tokens:
            text = message.get(attribute) or ""
            return [Token(text.strip() or "_", 0)] if text else []
        return tokens
