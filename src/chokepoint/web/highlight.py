"""Which words of a displayed name took part in a match, for highlighting.

The matcher compares normalised Latin tokens; an analyst reads the name as written. A word
is marked when any of its tokens is one of the paired tokens, so "ООО Молот-Оружие" shows
"Молот-Оружие" marked against "MOLOT-ORUZHIE, OOO".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chokepoint.matching.normalize import name_tokens, raw_tokens

_WORDS = re.compile(r"(\s+)")


@dataclass(frozen=True)
class Segment:
    text: str
    marked: bool


def mark_words(name: str, tokens: set[str]) -> list[Segment]:
    """Split ``name`` into words and the spaces between them, marking the words that
    contain a matched token.

    >>> [(s.text, s.marked) for s in mark_words("ООО Молот-Оружие", {"molot", "oruzhie"})]
    [('ООО', False), (' ', False), ('Молот-Оружие', True)]
    >>> [s.marked for s in mark_words("ООО Молот", {"llc"})]
    [True, False, False]
    >>> [s.marked for s in mark_words("HUSAYN, Muhammad", {"husayn"})]
    [True, False, False]
    """
    segments = []
    for part in _WORDS.split(name):
        if not part:
            continue
        words = {*raw_tokens(part), *name_tokens(part)}  # as written, and forms folded
        marked = not part.isspace() and bool(words & tokens)
        segments.append(Segment(part, marked))
    return segments
