"""What the HTTP API (``api/``) and the web UI (``web/``) share in one server process, so
that neither imports the other: the service (the database and the index snapshot a
watcher keeps fresh), the API keys and their users, the status of each library error, and
the request models both validate with. No web framework here: ``app/`` joins the two.
"""
