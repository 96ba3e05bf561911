"""Typed settings, read from ``CHOKEPOINT_*`` environment variables.

| variable | default | meaning |
|---|---|---|
| CHOKEPOINT_DB | chokepoint.db | SQLite path or PostgreSQL URL |
| CHOKEPOINT_INDEX_CACHE | beside the database (4) | directory of the match index files, a cache |
| CHOKEPOINT_MAX_FILE_MB | 512 | largest list file accepted, in MiB |
| CHOKEPOINT_MAX_SHRINK | 0.1 | largest share of its entities a list may drop (2) |
| CHOKEPOINT_LOAD_WAIT_SECONDS | 600 | seconds a list load waits for another of its lists |
| CHOKEPOINT_AUDIT_KEY | (none) | the audit log's HMAC key itself (32 characters or more) |
| CHOKEPOINT_AUDIT_KEY_FILE | (3) | file holding that key; created on first use |
| CHOKEPOINT_AUDIT_HEAD_FILE | (none) | file the audit chain's head is written to on each append |
| CHOKEPOINT_HTTP_TIMEOUT | 60 | seconds per download request |
| CHOKEPOINT_HTTP_RETRIES | 3 | attempts per download |
| CHOKEPOINT_URL_<LIST>_<FILE> | publisher's URL | override one official URL |
| CHOKEPOINT_USER | login name | who acts (`--user` of cases, `--record`, `rescreen`) |
| CHOKEPOINT_FOUR_EYES_LISTS | blocking lists | lists whose hits need a second user's approval (1) |
| CHOKEPOINT_SUPPRESSION_DAYS | 365 | days a false positive suppresses the same unchanged hit |
| CHOKEPOINT_API_KEYS | (none: API open) | comma-separated `user:key` or bare `key` (user `api`) |
| CHOKEPOINT_API_KEYS_FILE | (none) | a file of such keys, one per line (`#` comments) |
| CHOKEPOINT_API_MAX_BODY_BYTES | 1048576 | largest request body, else 413 |
| CHOKEPOINT_API_MAX_QUERIES | 100 | queries in one `/match` request, else 400 (yente's) |
| CHOKEPOINT_API_MAX_NAMES | 1000 | names in one query, else 422 (the body size bounds them first) |
| CHOKEPOINT_API_MAX_LIMIT | 500 | largest `limit` of `/search` (yente's; `/match` takes 500 too) |
| CHOKEPOINT_API_TIMEOUT | 10 | seconds a request may take, else 504 |
| CHOKEPOINT_API_REFRESH_SECONDS | 1 | how often the server looks for new list versions |
| CHOKEPOINT_WEB_SECRET | (derived from the API keys) | key signing the web UI's session cookie |
| CHOKEPOINT_WEB_SECURE_COOKIES | false | send the session cookie over HTTPS only |

(1) List keys or ``list/sublist`` (``us_trade_csl/entity_list``), comma-separated; ``none``
for no list. Default: the lists ``data/list_severity.csv`` marks ``block``.
(2) A bigger drop, or an entity with no name, is refused unless ``--allow-shrink``.
(3) ``~/.config/chokepoint/audit.key`` (``$XDG_CONFIG_HOME/chokepoint/audit.key`` when
set); created readable by its owner only. Back it up: without it the audit log's MACs
cannot be checked.
(4) ``<file>-index/`` beside a SQLite file; ``~/.cache/chokepoint/index/`` (per database)
for PostgreSQL. The ``screen`` commands read it as ``--index-cache`` (a cold ``screen``
imports no settings); the CLI's other commands that screen, from these settings.
"""

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CHOKEPOINT_", extra="ignore")

    db: str = "chokepoint.db"
    index_cache: str | None = None
    # The largest real list file (OFAC's advanced XML) is about 100 MiB; five times that is
    # a file no publisher sends, and a bound on the memory a load can take.
    max_file_mb: int = 512
    max_shrink: float = 0.10
    # A load of every list takes some 10 s; a minute-long one is a slow machine, not a hang.
    load_wait_seconds: float = 600.0
    audit_key: str | None = None
    audit_key_file: str | None = None
    audit_head_file: str | None = None
    http_timeout: float = 60.0
    http_retries: int = 3
    user: str | None = None
    four_eyes_lists: str | None = None
    suppression_days: int = 365
    api_keys: str = ""
    api_keys_file: str | None = None
    # A batch of 100 queries with every name and identifier is some 100 KiB.
    api_max_body_bytes: int = 1024 * 1024
    api_max_queries: int = 100
    api_max_names: int = 1000
    api_max_limit: int = 500
    api_timeout: float = 10.0
    api_refresh_seconds: float = 1.0
    web_secret: str | None = None
    # Behind a TLS-terminating proxy, set this so the session cookie never travels in clear.
    web_secure_cookies: bool = False

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * 1024 * 1024

    @property
    def four_eyes(self) -> frozenset[str] | None:
        """The configured four-eyes lists; None: the default (the blocking lists)."""
        if self.four_eyes_lists is None:
            return None
        keys = {k.strip() for k in self.four_eyes_lists.split(",") if k.strip()}
        return frozenset(keys - {"none"})


# The defaults, not the environment's (``model_construct`` reads no variable): what a
# library function given no settings obeys.
DEFAULTS = Settings.model_construct()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The ``CHOKEPOINT_*`` environment, read by the entry points only (``cli/``, ``app/``),
    which pass what they read down."""
    return Settings()
