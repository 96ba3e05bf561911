"""yente's operations over the current lists, as library calls the API's routers make: query
by example (``/match``), ``/search``, ``/catalog`` and ``/algorithms``, and the W3C
reconciliation service, each answered by the same matcher as a screening."""
