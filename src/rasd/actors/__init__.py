"""Actors: the knowledge base (:mod:`.kb`), the matcher (:mod:`.matcher`) and the stages.

For other stages (e.g. ``actors.unknown.v1``):

- ``rasd.actors.kb.load_kb(extra_files=())`` → the KB (cached);
- ``kb.country_of_nisba(word)`` → alpha-3 of a nisba/demonym (clitics and inflection tolerated);
- ``kb.holders(role, of, date)`` → people holding an office at a date;
- ``rasd.actors.kb.covered_spans(doc)`` → spans already covered by actor mentions.
"""
