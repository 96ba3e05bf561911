"""The HTTP API: yente's ``/match`` and ``/search`` over Chokepoint's screening, plus
entities, list versions and shipments.

Routers validate, call one library function in a worker thread, and return its result.
This package never imports the web UI's (``web/``), nor it this one: what both need is in
``server/``, and ``app/`` mounts both on one app (``tests/api/test_boundary.py`` and the
import contracts keep it so).
"""
