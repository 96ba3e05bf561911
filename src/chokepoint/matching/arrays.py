"""A dataclass of lists, dicts and sets as flat numpy arrays, and read-only views of them.

``to_arrays`` turns each field of a dataclass, by its type annotation, into named arrays:
strings as UTF-8 bytes plus offsets, nested lists as their items plus offsets, a list of
records as one column per record field, dicts and sets as a hash table over their keys.
``from_arrays`` gives the dataclass back with views over those arrays as its fields, so an
index mapped from ``.npy`` files opens without parsing, and processes that map the same
files share their pages. Nothing is pickled: a damaged or hostile array can make a result
wrong, never run code.

Hand-written: numpy stores flat arrays and pyarrow strings too, but neither has a hash
table that is read in place; the views implement only what ``Sequence``, ``Mapping`` and
``Set`` ask, the methods the matcher calls.

>>> from dataclasses import dataclass, field
>>> @dataclass
... class Small:
...     words: list[tuple[str, ...]] = field(default_factory=list)
...     ids: dict[str, list[int]] = field(default_factory=dict)
>>> arrays, scalars = to_arrays(Small([("a", "b"), ()], {"x": [1, 2]}))
>>> small = from_arrays(Small, arrays, scalars)
>>> small.words[0], small.words[1], small.ids.get("x"), small.ids.get("y")
(('a', 'b'), (), [1, 2], None)
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
import typing
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from typing import Any

import numpy as np
import numpy.typing as npt

Arrays = dict[str, npt.NDArray[Any]]
Scalars = dict[str, Any]
SCALARS = (int, float, str, bool)
# Sets up to this size are read into Python sets when opened: a few hundred company-form
# words are compared on every name, and a set of them is faster than a lookup table.
SMALL_SET = 4096
RECORD_CACHE = 50_000  # records (listed entities) kept built per view
UTF8 = "utf-8"
ERRORS = "surrogatepass"  # any Python str round-trips, lone surrogates included


class ArrayFormatError(ValueError):
    """Arrays that do not fit the dataclass they are read as (damaged, or another layout)."""


def layout(cls: type) -> str:
    """A digest of the fields and types of ``cls``: arrays are read only by the layout that
    wrote them, so a new or changed field needs no format number bumped by hand."""
    return hashlib.sha256(_describe(cls).encode()).hexdigest()[:16]


def _describe(tp: Any) -> str:
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        return "{" + ",".join(f"{f.name}:{_describe(hints[f.name])}" for f in _fields(tp)) + "}"
    args = typing.get_args(tp)
    if not args:
        return getattr(tp, "__name__", repr(tp))
    name = getattr(typing.get_origin(tp), "__name__", repr(typing.get_origin(tp)))
    return f"{name}[{','.join(_describe(a) for a in args)}]"


def _fields(cls: type) -> list[dataclasses.Field[Any]]:
    """The stored fields: those whose metadata says ``transient`` exist while building."""
    return [f for f in dataclasses.fields(cls) if not f.metadata.get("transient")]


def _kind(tp: Any) -> tuple[Any, tuple[Any, ...]]:
    """(origin, args) of an annotation; ``X | None`` is (None, (X,))."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        rest = tuple(a for a in args if a is not type(None))
        return None, rest
    if isinstance(tp, type) and issubclass(tp, np.ndarray):
        return np.ndarray, ()
    if args and args[-1] is Ellipsis:
        args = args[:1]
    return origin or tp, args


# --- writing -------------------------------------------------------------------------


def to_arrays(obj: Any) -> tuple[Arrays, Scalars]:
    """Every stored field of the dataclass ``obj`` as named arrays and JSON scalars."""
    arrays: Arrays = {}
    scalars: Scalars = {}
    hints = typing.get_type_hints(type(obj))
    for f in _fields(type(obj)):
        value, tp = getattr(obj, f.name), hints[f.name]
        if tp in SCALARS:
            scalars[f.name] = value
        else:
            _put(tp, value, f.name, arrays)
    return arrays, scalars


def _put(tp: Any, value: Any, name: str, out: Arrays) -> None:
    origin, args = _kind(tp)
    if origin is np.ndarray:
        out[name] = np.ascontiguousarray(value)
    elif origin in (list, tuple):
        _put_column(args[0], list(value), name, out)
    elif origin is dict and args[0] is str:
        keys = sorted(value)  # the same bytes from every build, whatever the hash seed
        order = _put_table(keys, name, out)
        _put_column(args[1], [value[keys[i]] for i in order], f"{name}.values", out)
    elif origin in (set, frozenset) and args[0] is str:
        _put_table(sorted(value), name, out)  # a set's order varies with the hash seed
    else:
        raise TypeError(f"{name}: no array form for {tp!r} (mark it transient?)")


def _put_column(tp: Any, items: list[Any], name: str, out: Arrays) -> None:
    """A list of values of type ``tp``, one array per column."""
    origin, args = _kind(tp)
    if tp in (int, float, bool):
        out[name] = np.array(items, dtype={int: np.int64, float: np.float64, bool: np.bool_}[tp])
    elif tp is str:
        data = [s.encode(UTF8, ERRORS) for s in items]
        out[f"{name}.offsets"] = _offsets(len(b) for b in data)
        out[f"{name}.bytes"] = np.frombuffer(b"".join(data), dtype=np.uint8)
    elif origin is None:  # X | None: the values, None as the type's empty value, and a mask
        out[f"{name}.none"] = np.array([v is None for v in items], dtype=np.bool_)
        empty = args[0]() if args[0] in SCALARS else ()
        _put_column(args[0], [empty if v is None else v for v in items], name, out)
    elif origin in (list, tuple, np.ndarray):
        out[f"{name}.offsets"] = _offsets(len(v) for v in items)
        if origin is np.ndarray:
            dtype = typing.get_args(typing.get_args(tp)[1])[0] if typing.get_args(tp) else None
            parts = [np.asarray(v) for v in items]
            out[f"{name}.items"] = np.concatenate(parts) if parts else np.zeros(0, dtype)
        else:
            _put_column(args[0], [x for v in items for x in v], f"{name}.items", out)
    elif dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        for f in _fields(tp):
            _put_column(hints[f.name], [getattr(v, f.name) for v in items], f"{name}.{f.name}", out)
    else:
        raise TypeError(f"{name}: no array form for a list of {tp!r}")


def _offsets(lengths: Iterator[int] | Any) -> npt.NDArray[np.int64]:
    return np.concatenate(([0], np.cumsum(np.fromiter(lengths, dtype=np.int64))))


def _bucket_count(n: int) -> int:
    return 1 << max(n - 1, 0).bit_length()


def _put_table(keys: list[str], name: str, out: Arrays) -> list[int]:
    """Keys as a hash table: grouped by bucket (CRC-32 of the UTF-8 key, a hash that is the
    same in every process, unlike ``hash``), with each bucket's start. Returns the keys'
    order in the table, which the values follow."""
    raw = [k.encode(UTF8, ERRORS) for k in keys]
    buckets = np.array([zlib.crc32(b) for b in raw], dtype=np.uint32)
    buckets &= np.uint32(_bucket_count(len(keys)) - 1)
    order = np.argsort(buckets, kind="stable")
    counts = np.bincount(buckets, minlength=_bucket_count(len(keys)))
    out[f"{name}.starts"] = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    _put_column(str, [keys[i] for i in order], f"{name}.keys", out)
    return [int(i) for i in order]


# --- reading ---------------------------------------------------------------------------


def from_arrays(cls: type[Any], arrays: Mapping[str, npt.NDArray[Any]], scalars: Scalars) -> Any:
    """An instance of ``cls`` whose fields are read-only views over ``arrays``.

    Raises ``ArrayFormatError`` when an array is missing or its length or offsets do not
    fit (cheap checks, no pass over the data).
    """
    reader = _Reader(arrays)
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    try:
        for f in _fields(cls):
            tp = hints[f.name]
            values[f.name] = scalars[f.name] if tp in SCALARS else reader.field(tp, f.name)
    except KeyError as exc:
        raise ArrayFormatError(f"missing {exc.args[0]}") from None
    return cls(**values)


class _Reader:
    def __init__(self, arrays: Mapping[str, npt.NDArray[Any]]) -> None:
        self.arrays = arrays

    def array(self, name: str) -> npt.NDArray[Any]:
        # A plain ndarray over the map: slices of an np.memmap cost a Python call each.
        return self.arrays[name].view(np.ndarray)

    def field(self, tp: Any, name: str) -> Any:
        origin, args = _kind(tp)
        if origin is np.ndarray:
            return self.array(name)
        if origin in (list, tuple):
            return self.column(args[0], name)
        if origin is dict:
            return StrMap(self.table(name), self.column(args[1], f"{name}.values"))
        table = self.table(name)
        return set(table.keys) if len(table.keys) <= SMALL_SET else StrSet(table)

    def table(self, name: str) -> _Table:
        return _Table(self.strings(f"{name}.keys"), _ints(self.array(f"{name}.starts")))

    def strings(self, name: str) -> StrList:
        data = self.array(f"{name}.bytes")
        return StrList(self.offsets(name, len(data)), data)

    def column(self, tp: Any, name: str) -> Sequence[Any]:
        origin, args = _kind(tp)
        if tp in (int, float, bool):
            return self.array(name).data  # indexing gives Python ints, floats, bools
        if tp is str:
            return self.strings(name)
        if origin is None:
            return Nullable(self.column(args[0], name), self.array(f"{name}.none").data)
        if origin in (list, tuple, np.ndarray):
            if origin is np.ndarray:
                items: Any = self.array(f"{name}.items")
                collect: Callable[[Any, int, int], Any] = _ndarray_slice
            else:
                items = self.column(args[0], f"{name}.items")
                collect = _tuple_slice if origin is tuple else _list_slice
            return Ragged(self.offsets(name, len(items)), items, collect)
        if dataclasses.is_dataclass(tp) and isinstance(tp, type):
            hints = typing.get_type_hints(tp)
            columns = {f.name: self.column(hints[f.name], f"{name}.{f.name}") for f in _fields(tp)}
            return Records(tp, columns)
        raise ArrayFormatError(f"{name}: no array form for {tp!r}")

    def offsets(self, name: str, size: int) -> memoryview:
        offsets = self.array(f"{name}.offsets")
        if offsets.ndim != 1 or not len(offsets) or offsets[0] != 0 or offsets[-1] != size:
            raise ArrayFormatError(f"{name}: offsets do not fit the items")
        return _ints(offsets)


def _ints(array: npt.NDArray[Any]) -> memoryview:
    if array.dtype != np.int64:
        raise ArrayFormatError(f"offsets of type {array.dtype}")
    return array.data


def _ndarray_slice(items: npt.NDArray[Any], start: int, end: int) -> npt.NDArray[Any]:
    return items[start:end]


def _tuple_slice(items: Sequence[Any], start: int, end: int) -> tuple[Any, ...]:
    return tuple(items[i] for i in range(start, end))


def _list_slice(items: Sequence[Any], start: int, end: int) -> list[Any]:
    if isinstance(items, memoryview):
        return items[start:end].tolist()
    return [items[i] for i in range(start, end)]


def _index(i: int, size: int) -> int:
    if i < 0:
        i += size
    if not 0 <= i < size:
        raise IndexError(i)
    return i


class StrList(Sequence[str]):
    """Strings stored as UTF-8 bytes and the offset where each starts."""

    def __init__(self, offsets: memoryview, data: npt.NDArray[np.uint8]) -> None:
        self._offsets = offsets
        self._data = data.data
        self._size = len(offsets) - 1

    def __len__(self) -> int:
        return self._size

    def raw(self, i: int) -> memoryview:
        return self._data[self._offsets[i] : self._offsets[i + 1]]

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._size))]
        i = _index(i, self._size)
        return str(self._data[self._offsets[i] : self._offsets[i + 1]], UTF8, ERRORS)


class Nullable(Sequence[Any]):
    """Values of a column where a mask says which are None."""

    def __init__(self, values: Sequence[Any], none: memoryview) -> None:
        self._values, self._none = values, none

    def __len__(self) -> int:
        return len(self._values)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return None if self._none[i] else self._values[i]


class Ragged(Sequence[Any]):
    """Item ``i`` is ``items[offsets[i]:offsets[i + 1]]``, collected as its type is."""

    def __init__(self, offsets: memoryview, items: Any, collect: Callable[[Any, int, int], Any]):
        self._offsets, self._items, self._collect = offsets, items, collect
        self._size = len(offsets) - 1

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._size))]
        i = _index(i, self._size)
        return self._collect(self._items, self._offsets[i], self._offsets[i + 1])


class Records(Sequence[Any]):
    """Dataclass records stored column by column; the ones asked for are kept built."""

    def __init__(self, cls: type[Any], columns: dict[str, Sequence[Any]]) -> None:
        self._cls, self._columns = cls, columns
        sizes = {len(c) for c in columns.values()}
        if len(sizes) > 1:
            raise ArrayFormatError(f"{cls.__name__}: columns of different lengths")
        self._size = sizes.pop() if sizes else 0
        self._built: dict[int, Any] = {}

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._size))]
        i = _index(i, self._size)
        record = self._built.get(i)
        if record is None:
            if len(self._built) >= RECORD_CACHE:
                self._built.clear()
            record = self._cls(**{k: c[i] for k, c in self._columns.items()})
            self._built[i] = record
        return record


class _Table:
    """String keys grouped by hash bucket; ``find`` gives a key's position or -1."""

    def __init__(self, keys: StrList, starts: memoryview) -> None:
        if len(starts) - 1 != _bucket_count(len(keys)) or starts[len(starts) - 1] != len(keys):
            raise ArrayFormatError("hash table does not fit its keys")
        self.keys, self._starts, self._mask = keys, starts, len(starts) - 2

    def find(self, key: str) -> int:
        raw = key.encode(UTF8, ERRORS)
        bucket = zlib.crc32(raw) & self._mask
        for i in range(self._starts[bucket], self._starts[bucket + 1]):
            if self.keys.raw(i) == raw:
                return i
        return -1


class StrMap(Mapping[str, Any]):
    """A dict with string keys, read in place."""

    def __init__(self, table: _Table, values: Sequence[Any]) -> None:
        if len(values) != len(table.keys):
            raise ArrayFormatError("dict values do not fit its keys")
        self._table, self._values = table, values

    def __getitem__(self, key: str) -> Any:
        i = self._table.find(key) if isinstance(key, str) else -1
        if i < 0:
            raise KeyError(key)
        return self._values[i]

    def get(self, key: str, default: Any = None) -> Any:
        i = self._table.find(key)
        return default if i < 0 else self._values[i]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._table.find(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._table.keys)

    def __len__(self) -> int:
        return len(self._table.keys)


class StrSet(Set[str]):
    """A set of strings, read in place; set operations give Python sets."""

    def __init__(self, table: _Table) -> None:
        self._table = table

    @classmethod
    def _from_iterable(cls, it: Any) -> set[str]:  # type: ignore[override]
        return set(it)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._table.find(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._table.keys)

    def __len__(self) -> int:
        return len(self._table.keys)
