"""The registry of list sources: one module per publisher format, one line each here.

To add a list: write ``sources/<key>.py`` defining ``SOURCE``, add it to ``SOURCES``,
add a fixture folder under ``tests/fixtures/<key>/`` and ``tests/sources/test_<key>.py``.
``chokepoint lists load DIR`` picks the source of each sub-folder by the folder's name.
"""

from chokepoint.sources import (
    eu_fsf,
    ftm,
    gb_fcdo,
    un_sc_sanctions,
    us_bis_denied,
    us_ofac_cons,
    us_ofac_sdn,
    us_trade_csl,
)
from chokepoint.sources.base import Source

SOURCES: tuple[Source, ...] = (
    us_ofac_sdn.SOURCE,
    us_ofac_cons.SOURCE,
    un_sc_sanctions.SOURCE,
    us_bis_denied.SOURCE,
    us_trade_csl.SOURCE,
    eu_fsf.SOURCE,
    gb_fcdo.SOURCE,
    ftm.SOURCE,
)
BY_KEY: dict[str, Source] = {s.key: s for s in SOURCES}
