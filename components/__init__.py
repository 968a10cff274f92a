"""Custom Rasa components, named in config.yml (``components.tokenizer.CleanJiebaTokenizer``).

Importing the package changes nothing in Rasa; ``components.tokenizer`` installs the prepared
action-reply validator (``components.action_validation``) and the session length limit
(``components.session_length``).
"""
