"""``chokepoint serve``: the HTTP API."""

from __future__ import annotations

import click

from chokepoint.cli.options import db_option


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="TCP port."
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes (each holds its own match index).",
)
def serve(db: str, host: str, port: int, workers: int) -> None:
    """Serve the HTTP API: yente's /match and /search, entities, lists, shipments.

    API keys come from CHOKEPOINT_API_KEYS (`user:key,...`) or CHOKEPOINT_API_KEYS_FILE;
    without any the API is open. A list version loaded meanwhile is screened with within
    CHOKEPOINT_API_REFRESH_SECONDS, without a restart. Docs at /docs.

    Example: chokepoint serve --db lists.db --port 8000 --workers 2
    """
    from chokepoint.app.run import serve as run_server  # FastAPI only when serving

    run_server(db=db, host=host, port=port, workers=workers)
