"""Keep a dependency's unused imports out of start-up without changing what it can do."""

from __future__ import annotations

import importlib
import sys
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()


class _Deferred(types.ModuleType):
    """Stands in for a module while a dependency imports it. The module (or, when that is
    not installed, its `fallback`, as in `try: import cchardet except ImportError: import
    chardet`) is imported when anything is read from the stand-in, so code that does use
    it still works."""

    def __init__(self, name: str, fallback: str | None) -> None:
        super().__init__(name)
        self._fallback = fallback

    def __getattr__(self, attr: str) -> object:
        if attr.startswith("__") or sys.modules.get(self.__name__) is self:
            raise AttributeError(attr)  # still inside the import that deferred it
        try:
            module = importlib.import_module(self.__name__)
        except ImportError:
            if self._fallback is None:
                raise
            module = importlib.import_module(self._fallback)
        return getattr(module, attr)


@contextmanager
def imports_deferred(names: dict[str, str | None]) -> Iterator[None]:
    """Imports of the names (each with a fallback, or None) inside the block bind stand-ins
    (see _Deferred); afterwards the names are free again, so a later import anywhere loads
    the real module, and a package is left holding the stand-in of its submodule, as the
    import would have left it holding the submodule."""
    with _lock:
        placed: dict[str, _Deferred] = {}
        for name, fallback in names.items():
            if name not in sys.modules:
                placed[name] = _Deferred(name, fallback)
                sys.modules[name] = placed[name]
        try:
            yield
        finally:
            for name, module in placed.items():
                if sys.modules.get(name) is module:
                    del sys.modules[name]
                package, _, attr = name.rpartition(".")
                parent = sys.modules.get(package) if package else None
                if parent is not None and not hasattr(parent, attr):
                    setattr(parent, attr, module)
