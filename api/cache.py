"""Rendered bodies of stored results, kept in memory per id and language.

A stored roadmap, comparison or assessment never changes; it can only be deleted. So the
JSON of a roadmap and the HTML of a report are made once and kept here (least recently
used first out, bounded by their total size). Every GET still asks the database whether
the row exists (a query on the key alone), so a deletion made by another instance on the
same database is honoured at once; a deletion here also drops the entries of that id.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

Key = tuple[Hashable, ...]  # (what, id, …): the id is always the second part


class BodyCache:
    """A thread-safe LRU of response bodies, at most ``max_bytes`` in total."""

    def __init__(self, max_bytes: int = 64 * 2**20) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[Key, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get_or_make(self, key: Key, make: Callable[[], bytes]) -> bytes:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        body = make()  # outside the lock: two first requests may both render, once each
        self.put(key, body)
        return body

    def put(self, key: Key, body: bytes) -> None:
        if len(body) > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= len(old)
            self._items[key] = body
            self._size += len(body)
            while self._size > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)

    def drop(self, ident: str) -> None:
        """Forget every entry of a stored id (it was deleted)."""
        with self._lock:
            for key in [k for k in self._items if len(k) > 1 and k[1] == ident]:
                self._size -= len(self._items.pop(key))

    def __len__(self) -> int:
        return len(self._items)
