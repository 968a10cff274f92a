"""The operator report: what people ask and what goes unanswered (``python -m bot.report``).

The conversations are read from the configured tracker store one at a time
(:mod:`bot.report.source`), turned into turns with an outcome (:mod:`bot.report.turns`),
counted (:mod:`bot.report.tally`) and written as a self-contained HTML page, a Markdown
summary and a file of NLU candidates (:mod:`bot.report.render`).
"""
