"""One party across lists: list entries that are the same listed party, grouped.

- ``group``: the evidence that links two entries (a copied number, a cross-reference, a name
  with a birth date, an identifier or a listing date) and the grouping that refuses conflicts
- ``model``: ``Parties`` (entity id -> its party, with members and evidence), stable ids
- ``store``: built with the match index, stored beside it
- ``results``: matches shown one per party
"""

from chokepoint.parties.model import Member, Parties, Party, own_party_id

__all__ = ["Member", "Parties", "Party", "own_party_id"]
