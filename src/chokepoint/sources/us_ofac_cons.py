"""US Treasury OFAC consolidated non-SDN lists (SSI, NS-MBS, CAPTA, FSE, PLC, NS-CMIC)."""

from chokepoint.sources.ofac_legacy import Layout, legacy_source

SOURCE = legacy_source(
    "us_ofac_cons",
    "US OFAC consolidated non-SDN lists",
    Layout(
        main="cons_prim.csv",
        address="cons_add.csv",
        alt="cons_alt.csv",
        comments="cons_comments.csv",
    ),
)
