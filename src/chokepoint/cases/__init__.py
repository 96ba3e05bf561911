"""Cases: the work a hit starts, from recording to a decision and its approval.

- ``model``: states, dispositions, ``Hit``, ``Case``, ``CaseDetail``
- ``policy``: which hits need a second user's approval (four-eyes)
- ``subjects``: customers and counterparties kept for rescreening; CSV import
- ``suppression``: a closed false positive hides the same hit until the entry changes
- ``record``: a screening or a shipment decision becomes a case when it has hits
- ``queries``: list and show
- ``workflow``: decide, approve, assign, each with its audit row in the same transaction
- ``rescreen``: stored subjects against only what changed in the lists
"""
