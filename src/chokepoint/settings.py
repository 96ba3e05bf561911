"""Typed settings, read from ``CHOKEPOINT_*`` environment variables.

| variable | default | meaning |
|---|---|---|
| CHOKEPOINT_DB | chokepoint.db | SQLite path or PostgreSQL URL |
| CHOKEPOINT_MAX_FILE_MB | 512 | largest list file accepted, in MiB |
| CHOKEPOINT_HTTP_TIMEOUT | 60 | seconds per download request |
| CHOKEPOINT_HTTP_RETRIES | 3 | attempts per download |
| CHOKEPOINT_URL_<LIST>_<FILE> | publisher's URL | override one official URL |
"""

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CHOKEPOINT_", extra="ignore")

    db: str = "chokepoint.db"
    # The largest real list file (OFAC's advanced XML) is about 100 MiB; five times that is
    # a file no publisher sends, and a bound on the memory a load can take.
    max_file_mb: int = 512
    http_timeout: float = 60.0
    http_retries: int = 3

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * 1024 * 1024


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
