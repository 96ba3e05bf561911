"""The audit log's HMAC key, kept outside the database.

``CHOKEPOINT_AUDIT_KEY`` gives the key itself; otherwise it is read from
``CHOKEPOINT_AUDIT_KEY_FILE`` (default ``~/.config/chokepoint/audit.key``), a file created on
first use with a random key, readable by its owner only. There is no built-in key: one
known to every installation would let anyone recompute the macs.

Those settings reach the log in an ``AuditConfig`` from the entry point (the CLI's settings,
``create_app(settings)``), never read here from the environment.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from chokepoint.errors import ChokepointError

if TYPE_CHECKING:
    from chokepoint.settings import Settings

MIN_KEY_CHARS = 32  # 128 bits as hex: shorter keys could be guessed
log = logging.getLogger("chokepoint.audit")


@dataclass(frozen=True)
class AuditConfig:
    """Where the audit log's key and exported head are: the key itself, else its file
    (None: ``default_key_file()``); the file the head is exported to (None: the log only)."""

    key: str | None = None
    key_file: str | None = None
    head_file: str | None = None

    @classmethod
    def of(cls, settings: Settings) -> AuditConfig:
        return cls(settings.audit_key, settings.audit_key_file, settings.audit_head_file)


DEFAULT_AUDIT = AuditConfig()  # the settings' defaults: the key file in the user's config


@dataclass(frozen=True)
class AuditKey:
    secret: bytes
    where: str  # the file, or CHOKEPOINT_AUDIT_KEY: said in messages, never the key

    @property
    def id(self) -> str:
        """A name for the key that does not reveal it: the same key, the same id."""
        return hmac.new(self.secret, b"chokepoint audit key id", hashlib.sha256).hexdigest()[:16]

    def mac(self, prev_mac: str, row_hash: str) -> str:
        return hmac.new(self.secret, (prev_mac + row_hash).encode(), hashlib.sha256).hexdigest()


def default_key_file() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "chokepoint" / "audit.key"


def audit_key(config: AuditConfig, *, create: bool) -> AuditKey:
    """The configured key; with ``create``, a new key file where none exists yet."""
    if config.key is not None:
        return _checked(config.key, "CHOKEPOINT_AUDIT_KEY")
    path = Path(config.key_file) if config.key_file else default_key_file()
    if not path.exists():
        if not create:
            raise ChokepointError(
                f"no audit key at {path} (CHOKEPOINT_AUDIT_KEY or CHOKEPOINT_AUDIT_KEY_FILE): "
                "the log's macs cannot be checked without the key that wrote them"
            )
        _create(path)
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ChokepointError(f"{path}: the audit key is readable by others; chmod 600 it")
    return _checked(path.read_text(encoding="utf-8").strip(), str(path))


def _checked(secret: str, where: str) -> AuditKey:
    if len(secret) < MIN_KEY_CHARS:
        raise ChokepointError(
            f"the audit key in {where} is shorter than {MIN_KEY_CHARS} characters"
        )
    return AuditKey(secret.encode("utf-8"), where)


def _create(path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    try:
        os.link(temp, path)  # whole or not at all, and never over another process's key
    except FileExistsError:
        return  # another process made it first: use theirs
    finally:
        temp.unlink()
    log.warning(
        "created the audit log's key at %s: back it up, and give every process writing "
        "this database the same key (without it the log cannot be verified)",
        path,
    )
