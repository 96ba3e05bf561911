"""US Treasury OFAC Specially Designated Nationals list, legacy CSV files."""

from chokepoint.sources.ofac_legacy import Layout, legacy_source

SOURCE = legacy_source(
    "us_ofac_sdn",
    "US OFAC Specially Designated Nationals (SDN)",
    Layout(main="sdn.csv", address="add.csv", alt="alt.csv", comments="sdn_comments.csv"),
)
