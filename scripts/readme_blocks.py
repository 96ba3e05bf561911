"""The README's transcripts, generated from real runs by cog: ``make docs`` rewrites them,
``tests/test_readme.py`` fails when the committed README differs from what the commands
print now (a refit of the weights changes the scores: ``make docs`` again).

A block in the README is::

    <!-- [[[cog
    from readme_blocks import block, step, rows
    block("chokepoint lists load ../shared/lists --db lists.db", step("chokepoint ...", rows(1)))
    ]]] -->
    (generated)
    <!-- [[[end]]] -->

Every command is run as shown, in the order of the README, as one shell session would run
them: in a scratch folder that holds links to the checkout's ``docs/``, ``examples/`` and
``tests/`` and has ``../shared`` beside it (``CHOKEPOINT_SHARED`` names the real one), so
relative paths, files the commands write (``lists.db``, ``results.jsonl``) and ``export``
carry from one command to the next as they do for a reader. ``chokepoint`` is the CLI,
called in this process (one import for every block); any other command (``cat``, ``curl``)
runs in bash. ``chokepoint serve`` starts the real server in the background on a free port
(the shown port is that one's name). Output is what a terminal shows (standard output and
errors), kept whole or cut as the block says; a command that fails stops the run unless
its step says it ``fails``.

A load of the shared lists into a new database is the slowest command (about 16 s of CPU):
the first one runs; a later identical one into another new database copies the first's
database and output, which is what it would have made (its index files are extracted from
the database on first use, as after any copy).
"""

from __future__ import annotations

import atexit
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cog  # cog's own module, there while cog runs
from click.testing import CliRunner

from chokepoint.cli import main

ROOT = Path(__file__).resolve().parents[1]
_base = Path(tempfile.mkdtemp(prefix="chokepoint-readme-"))
atexit.register(shutil.rmtree, _base, True)
WORK = _base / "checkout"  # the folder the commands run in
WORK.mkdir()
(_base / "shared").symlink_to(
    Path(os.environ.get("CHOKEPOINT_SHARED", ROOT.parent / "shared")).resolve()
)
for _name in ("docs", "examples", "tests"):
    (WORK / _name).symlink_to(ROOT / _name)
_CACHE = _base / "loads"  # the first load of the shared lists, for later identical loads
SHARED_LOAD = ["lists", "load", "../shared/lists"]
# The session's environment: what `export` set, and an audit key of the run's own (the
# reader's is created in ~/.config on first use, which the first command would announce).
_env = {"CHOKEPOINT_AUDIT_KEY": secrets.token_hex(32)}
_ports: dict[str, str] = {}  # a port shown in the README -> the free port used

Keep = Callable[[list[str]], list[str]]


@dataclass(frozen=True)
class Step:
    """One command of a block: its output as ``keeps`` cut it, in order."""

    command: str
    keeps: tuple[Keep, ...] = ()
    fails: bool = False


def step(command: str, *keeps: Keep, fails: bool = False) -> Step:
    """``command`` shown with its output cut by ``keeps``; ``fails``: it must exit non-zero
    (a refusal the README shows)."""
    return Step(command, keeps, fails)


def rows(n: int) -> Keep:
    """The first line of each of the first ``n`` rows of a table (a row's first line is the
    one whose first cell, the score, is filled)."""

    def keep(lines: list[str]) -> list[str]:
        starts = [line for line in lines if line.startswith("│ ") and line[2:3].strip()]
        return starts[:n]

    return keep


def head(n: int) -> Keep:
    """The first ``n`` lines, then ``  ...`` when there were more."""

    def keep(lines: list[str]) -> list[str]:
        return lines[:n] + (["  ..."] if len(lines) > n else [])

    return keep


def drop(text: str) -> Keep:
    """The lines without ``text``."""
    return lambda lines: [line for line in lines if text not in line]


def sub(pattern: str, shown: str) -> Keep:
    """What varies from run to run (a date, a time) replaced by ``shown``; padded to the same
    width where spaces follow, so that a table keeps its columns."""
    regex = re.compile(pattern)

    def keep(lines: list[str]) -> list[str]:
        def one(m: re.Match[str]) -> str:
            cell = m.string[m.end() : m.end() + 1] == " "
            return shown.ljust(len(m[0])) if cell else shown

        return [regex.sub(one, line) for line in lines]

    return keep


# What changes from run to run, replaced where it is printed: the date a command says it
# evaluated on, and the times cases, screenings and list versions were made.
TODAY = sub(r'(?<=on )\d{4}-\d\d-\d\d$|(?<="on": ")\d{4}-\d\d-\d\d(?=")', "<today>")
TIME = sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d)?", "<time>")


def json_brief(fields: int = 3, objects: int = 1, leave_out: tuple[str, ...] = ()) -> Keep:
    """JSON output made short: an object inside the answer whose values are plain on one
    line with its first ``fields`` entries, a list of objects with its first ``objects``,
    ``…`` where more was cut, and the keys ``leave_out`` left out."""

    def keep(lines: list[str]) -> list[str]:
        return _brief(_without(json.loads("\n".join(lines)), leave_out), "", fields, objects)

    return keep


def _without(value: Any, keys: tuple[str, ...]) -> Any:
    if isinstance(value, dict):
        return {k: _without(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [_without(v, keys) for v in value]
    return value


def _plain(value: Any) -> bool:
    """A value shown on one line: no object inside (an object of such values is one too)."""
    if isinstance(value, dict):
        return all(not isinstance(v, dict) and _plain(v) for v in value.values())
    if isinstance(value, list):
        return all(not isinstance(v, dict) and _plain(v) for v in value)
    return True


def _brief(value: Any, pad: str, fields: int, objects: int) -> list[str]:
    def dumps(v: Any) -> str:
        return json.dumps(v, ensure_ascii=False)

    if _plain(value) and (pad or not isinstance(value, dict)):  # the answer itself: a key a line
        if not isinstance(value, dict) or len(value) <= fields:
            return [dumps(value)]
        shown = ", ".join(f"{dumps(k)}: {dumps(v)}" for k, v in list(value.items())[:fields])
        return [f"{{{shown}, …}}"]
    inner = pad + "  "
    parts: list[list[str]] = []
    if isinstance(value, dict):
        for k, v in value.items():
            first, *rest = _brief(v, inner, fields, objects)
            parts.append([f"{inner}{dumps(k)}: {first}", *rest])
        opening, closing = "{", "}"
    else:
        for v in value[:objects]:
            first, *rest = _brief(v, inner, fields, objects)
            parts.append([inner + first, *rest])
        if len(value) > objects:
            parts.append([inner + "…"])
        opening, closing = "[", "]"
    lines = [opening]
    for number, part in enumerate(parts):
        lines += part[:-1] + [part[-1] + ("," if number < len(parts) - 1 else "")]
    return [*lines, pad + closing]


def _free_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return str(s.getsockname()[1])


def _with_ports(command: str) -> str:
    for shown, used in _ports.items():
        command = re.sub(rf"\b{shown}\b", used, command)
    return command


def _serve(command: str, env: dict[str, str]) -> None:
    """``chokepoint serve``, started in the background on a free port; back when it answers
    ``/readyz``."""
    shown = re.search(r"--port (\d+)", command)
    if shown is None:
        raise ValueError(f"the README's servers name their port: {command}")
    port = _ports[shown[1]] = _free_port()
    log = _base / f"serve-{port}.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            ["bash", "-c", _with_ports(command.removesuffix("&"))],
            cwd=WORK,
            env=_shell_env(env),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # one group: bash and the server's workers end together
        )
    atexit.register(_stop, server)
    deadline = time.monotonic() + 300  # a generous bound for a loaded machine
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"{command} exited with {server.returncode}: {log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{command} did not answer /readyz")


def _stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()


def _shell_env(env: dict[str, str]) -> dict[str, str]:
    """The session's environment for a command run by bash, which finds this ``chokepoint``."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return {**os.environ, **env, "PATH": path}


def _db_of(args: list[str], env: dict[str, str]) -> tuple[Path, list[str]]:
    """The database a command names (``--db``, else ``CHOKEPOINT_DB``), and its other
    arguments."""
    if "--db" not in args:
        return WORK / env.get("CHOKEPOINT_DB", "chokepoint.db"), args
    at = args.index("--db")
    return WORK / args[at + 1], args[:at] + args[at + 2 :]


def _copy_db(source: Path, target: Path) -> None:
    """A SQLite database copied whole, what this process's open connections wrote included."""
    with closing(sqlite3.connect(source)) as read, closing(sqlite3.connect(target)) as write:
        read.backup(write)


def _chokepoint(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """The CLI, in this process, in the scratch folder; a load of the shared lists into a
    new database copied from the first one."""
    db, rest = _db_of(args, env)
    fresh_load = rest == SHARED_LOAD and not db.exists()
    if fresh_load and _CACHE.exists():
        _copy_db(_CACHE / "lists.db", db)
        return 0, (_CACHE / "output").read_text()
    here = Path.cwd()
    os.chdir(WORK)
    try:
        result = CliRunner(env=env).invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(here)
    if fresh_load and result.exit_code == 0:
        _CACHE.mkdir()
        _copy_db(db, _CACHE / "lists.db")
        (_CACHE / "output").write_text(result.output)
    return result.exit_code, result.output


def run(command: str, fails: bool = False) -> list[str]:
    """What ``command`` prints (standard output and errors), run as shown."""
    bare = re.fullmatch(r"([A-Z_]+)=(\$\(.*\)|'[^']*'|\"[^\"]*\"|\S+)", command)
    if bare:  # `KEY=$(...)`: a variable of the session, as bash expands it
        name, value = bare[1], bare[2]
        _env[name] = subprocess.run(
            ["bash", "-c", f'v={value}; printf %s "$v"'],
            env=_shell_env(_env),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return []
    words = shlex.split(command, comments=True)
    assigned = {}
    while re.fullmatch(r"[A-Z_]+=.*", words[0]):
        name, _, value = words.pop(0).partition("=")
        assigned[name] = value
    env = {**_env, **assigned}
    if words[0] == "export":
        for word in words[1:]:
            name, _, value = word.partition("=")
            _env[name] = value
        return []
    if words[:2] == ["chokepoint", "serve"]:
        _serve(command, _env)
        return []
    if words[0] == "chokepoint":
        code, output = _chokepoint(words[1:], env)
    else:
        done = subprocess.run(
            ["bash", "-c", _with_ports(command)],
            cwd=WORK,
            env=_shell_env(_env),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        code, output = done.returncode, done.stdout
    if (code != 0) != fails:
        raise RuntimeError(f"{command} exited with {code}: {output}")
    return output.rstrip("\n").splitlines()


def block(*commands: str | Step) -> None:
    """A fenced transcript of ``commands``, each ``$ command`` then its output (kept whole,
    or as its step says), written where cog's marker is."""
    out: list[str] = ["```"]
    lines: list[str] = []
    for item in commands:
        shown = item if isinstance(item, Step) else Step(item)
        out += [""] if lines else []  # a blank line after a command's output
        lines = run(shown.command, shown.fails)
        for keep in shown.keeps:
            lines = keep(lines)
        out += [f"$ {shown.command}", *lines]
    out.append("```")
    cog.outl("\n".join(line.rstrip() for line in out))
