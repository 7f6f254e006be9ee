"""Question analysis: what kind of answer a question wants, and the words to look for.

The answerer picks an extractor by `type` (a person who spoke, a place, a date, firms, a count,
anything else), retrieves and scores sentences with `terms` and `entities`, and matches a count's
noun or a role's context with `focus` and `unit_hint`. Everything here is rules over Kiwi morphemes
(Korean) or words (English): questions are short and formulaic, rules are fast and explainable,
and the type only has to be right enough for the evidence scorer, which decides answerability.

`analysis.analyse` is the entry point and `query.Query` its result; `followup.is_followup` tells a
question that leans on an earlier turn. The parts: `rules` (the question type), `lang` (which
language asks), `morphs` (Kiwi morphemes, compounds and noun phrases), `ko_terms`/`en_terms`
(key terms and named entities), `ko_focus`/`en_focus` (the asked-about noun and a count's unit),
`words` (the word lists more than one part reads).
"""
