"""The schemata a party may have (a query, a listed entity): FtM schema names.

A module of its own, below ``model``: the screening path names them without importing
followthemoney (a cold ``chokepoint screen`` does not).
"""

SCHEMATA = ("Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane")
