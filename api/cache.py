"""Rendered bodies of stored results, kept in memory per id and language.

A stored roadmap, comparison or assessment never changes; it can only be deleted. So the
JSON of a roadmap and the HTML of a report are made once and kept here (least recently
used first out, bounded by their total size). A GET asks the database whether the row
still exists (a query on the key alone, in a worker thread), unless that was confirmed less
than ``fresh_seconds`` ago: then the body is answered at once from memory, on the event
loop. So a deletion made by another instance on the same database is honoured within
``fresh_seconds`` (one second by default); a deletion here drops the entries of that id and
every confirmation at once. Each body keeps a strong ETag (a hash of its bytes, made once),
so a client that sends it back in ``If-None-Match`` is answered 304 without the body.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import NamedTuple

Key = tuple[Hashable, ...]  # (what, id, …): the id is always the second part


class Cached(NamedTuple):
    """A response body and its strong ETag (quoted, as sent)."""

    body: bytes
    etag: str

    @classmethod
    def of(cls, body: bytes) -> Cached:
        return cls(body, f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"')


class BodyCache:
    """A thread-safe LRU of response bodies, at most ``max_bytes`` in total."""

    def __init__(
        self,
        max_bytes: int = 64 * 2**20,
        fresh_seconds: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_bytes = max_bytes
        self.fresh_seconds = fresh_seconds
        self._clock = clock
        self._items: OrderedDict[Key, Cached] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        # what a GET asked for -> (when its row was last seen stored, the key of its body)
        self._confirmed: dict[Key, tuple[float, Key]] = {}
        self._generation = 0  # bumped by every drop: a confirmation begun before it is void

    def generation(self) -> int:
        with self._lock:
            return self._generation

    def recent(self, asked: Key) -> Cached | None:
        """The body for ``asked`` if its row was seen stored within ``fresh_seconds``."""
        with self._lock:
            seen = self._confirmed.get(asked)
            if seen is None or self._clock() - seen[0] >= self.fresh_seconds:
                return None
            found = self._items.get(seen[1])
            if found is not None:
                self._items.move_to_end(seen[1])
            return found

    def confirm(self, asked: Key, key: Key, generation: int) -> None:
        """The row of ``asked`` (whose body is under ``key``) was seen stored just now, by a
        lookup begun at ``generation``; void if anything was dropped since."""
        with self._lock:
            if generation != self._generation:
                return
            if len(self._confirmed) >= 100_000:
                self._confirmed.clear()
            self._confirmed[asked] = (self._clock(), key)

    def get(self, key: Key) -> Cached | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def get_or_make(self, key: Key, make: Callable[[], bytes]) -> Cached:
        found = self.get(key)
        if found is not None:
            return found
        made = Cached.of(make())  # outside the lock: two first requests may both render
        self.put(key, made)
        return made

    def put(self, key: Key, item: Cached) -> None:
        if len(item.body) > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= len(old.body)
            self._items[key] = item
            self._size += len(item.body)
            while self._size > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped.body)

    def drop(self, ident: str) -> None:
        """Forget every entry of a stored id (it was deleted)."""
        with self._lock:
            self._generation += 1
            self._confirmed.clear()
            for key in [k for k in self._items if len(k) > 1 and k[1] == ident]:
                self._size -= len(self._items.pop(key).body)

    def __len__(self) -> int:
        return len(self._items)
