"""The HTTP API: yente's ``/match`` and ``/search`` over Chokepoint's screening, plus
entities, list versions and shipments.

Only this package imports FastAPI and uvicorn (``tests/api/test_boundary.py`` keeps it so):
routers validate, call one library function in a worker thread, and return its result.
"""
