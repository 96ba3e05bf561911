"""The entries of ``tests/fixtures/parties`` the party tests name (``party_db`` in
``tests/conftest.py`` loads them): one person on three lists, in the order a party lists
them (the publishers' own entries before the CSL's copy), and two namesakes born apart."""

from __future__ import annotations

from chokepoint.model import entity_id

KOVALENKO = (
    entity_id("us_ofac_sdn", "90001"),
    entity_id("un_sc_sanctions", "7000001"),
    entity_id("us_trade_csl", "90001"),
)
MARTYNOV = (entity_id("us_ofac_sdn", "90002"), entity_id("un_sc_sanctions", "7000002"))
