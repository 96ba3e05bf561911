"""Name matching: normalise names to tokens, find candidates in an index, score them.

- ``normalize``: any script to Latin tokens, without titles, company forms, vessel prefixes
- ``keys``: the lookup keys of a token (itself, its phonetic key, its one-deletion variants)
- ``index``: the candidate index built from listed entities, stored with each snapshot
- ``features``: interpretable evidence for one query name against one listed name
- ``context``: the kind of party, birth dates and countries beside the name
- ``scorer``: the features combined into a score with fitted weights, with an explanation
- ``matcher``: query -> candidates -> scores -> sorted matches
"""

from chokepoint.matching.matcher import Match, Matcher, Query

__all__ = ["Match", "Matcher", "Query"]
