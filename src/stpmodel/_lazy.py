"""The one lazy-import helper: a package names what it exports and from which module, and
each module is imported the first time one of its names is used.

```python
__getattr__, __dir__ = lazy_exports(__name__, {"parse": ".parsing", "Roadmap": ".roadmap"})
```

So `import stpmodel` imports no model module (nor attrs, cattrs, networkx …) until a class
or function is used. Type checkers and the API docs read the same names from the
`if TYPE_CHECKING:` imports each package keeps next to the table.
"""

from __future__ import annotations

import importlib
import sys

# typing costs about a millisecond to import, and the command line's plain path counts them
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, exports: Mapping[str, str], listed: Iterable[str] = ()
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A module `__getattr__` and `__dir__` for `package`.

    Args:
        package: The package's `__name__`.
        exports: Name → the module that defines it (absolute, or relative to `package` with
            a leading dot).
        listed: The names `dir()` shows besides `exports` (what the package defines itself);
            `dir()` is the sorted union.

    The value found is stored in the package's namespace, so each name is looked up once.
    """
    names = sorted({*exports, *listed})

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        vars(sys.modules[package])[name] = value
        return value

    def __dir__() -> list[str]:
        return list(names)

    return __getattr__, __dir__
