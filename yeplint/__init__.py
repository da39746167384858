"""yeplint: a content linter for Markdown sites whose pages carry YAML front matter."""

__version__ = "0.1.0"

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar, dataclass_transform, overload


class LazyPattern:
    """A regular expression compiled on its first use, with the methods of ``re.Pattern``
    yeplint calls.

    Compiling costs 0.05-2.5 ms a pattern (the wide Unicode classes the most) and every run
    imports modules whose patterns only some sites need: a three-file pre-commit run used to
    compile ~80 at import and use half. A module-level constant stays a constant this way.
    """

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    @property
    def is_compiled(self) -> bool:
        return self._compiled is not None

    @property
    def pattern(self) -> str:
        return self._source

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled.split(string, maxsplit)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def subn(
        self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
    ) -> tuple[str, int]:
        return self.compiled.subn(repl, string, count)


_Class = TypeVar("_Class", bound=type)


@overload
def record(cls: _Class, /) -> _Class: ...


@overload
def record(*, frozen: bool = True, eq: bool = True) -> Callable[[_Class], _Class]: ...


@dataclass_transform(frozen_default=True)
def record(cls: _Class | None = None, /, *, frozen: bool = True, eq: bool = True) -> Any:
    """A dataclass (``dataclasses.replace`` and ``fields`` work on it, and mypy checks it as
    one, frozen by default) whose ``__init__``, ``__repr__``, ``__eq__`` and ``__hash__`` are
    shared functions rather than generated ones.

    ``@dataclass`` compiles one function per generated method on every start (``exec``):
    ~0.5-1 ms a class, ~2 ms for :class:`~yeplint.config.settings.Settings`' 45 fields; this
    costs ~0.15 ms. The shared ``__init__`` is slower per instance (it loops over the fields),
    so it suits records made a few times a run, not one per heading. Not slotted (a slotted
    dataclass is created twice). Equality and hash cover the fields with ``compare=True``, as a
    dataclass's; the constructor takes the fields in order, positionally or by name, with
    their defaults and ``default_factory``. ``eq=False``: equal only to itself and hashed by
    identity, as such a dataclass is. A method the class writes itself is kept, as a
    dataclass keeps it: a record made once per page writes its ``__init__`` (as fast as a
    generated one, and compiled into the module's bytecode like any other function).
    """

    def wrap(cls: _Class) -> _Class:
        return _record(cls, frozen, eq)

    return wrap if cls is None else wrap(cls)


def _record(cls: _Class, frozen: bool, eq: bool) -> _Class:
    from dataclasses import MISSING, FrozenInstanceError, dataclass

    if cls.__doc__ is None:  # else @dataclass writes one from inspect.signature: ~0.3 ms
        cls.__doc__ = f"{cls.__name__}({', '.join(vars(cls).get('__annotations__', ()))})"
    dataclass(init=False, repr=False, eq=False)(cls)
    specs = tuple(vars(cls)["__dataclass_fields__"].values())
    names = tuple(spec.name for spec in specs)
    compared = tuple(spec.name for spec in specs if spec.compare)
    shown = tuple(spec.name for spec in specs if spec.repr)
    known = frozenset(names)
    title = cls.__qualname__
    setter = object.__setattr__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(names):
            given = len(args) + 1
            raise TypeError(
                f"{title}.__init__() takes {len(names) + 1} positional arguments "
                f"but {given} were given"
            )
        for key in kwargs:
            if key not in known:
                raise TypeError(f"{title}.__init__() got an unexpected keyword argument {key!r}")
        for index, spec in enumerate(specs):
            name = spec.name
            if index < len(args):
                if name in kwargs:
                    raise TypeError(f"{title}.__init__() got multiple values for argument {name!r}")
                value = args[index]
            elif name in kwargs:
                value = kwargs[name]
            elif spec.default is not MISSING:
                value = spec.default
            elif spec.default_factory is not MISSING:
                value = spec.default_factory()
            else:
                raise TypeError(f"{title}.__init__() missing 1 required argument: {name!r}")
            setter(self, name, value)

    def __repr__(self: Any) -> str:
        return f"{title}({', '.join(f'{n}={getattr(self, n)!r}' for n in shown)})"

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in compared)

    def __hash__(self: Any) -> int:
        return hash(tuple(getattr(self, n) for n in compared))

    def __setattr__(self: Any, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self: Any, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    methods: dict[str, Any] = {"__init__": __init__, "__repr__": __repr__}
    if frozen:
        methods.update(__setattr__=__setattr__, __delattr__=__delattr__)
    if eq:
        methods["__eq__"] = __eq__
        # as a dataclass with eq: hashed by its fields when frozen, else unhashable
        methods["__hash__"] = __hash__ if frozen else None
    for name, method in methods.items():
        if vars(cls).get(name) is not None:
            continue  # written in the class, as a dataclass keeps it
        if method is not None:
            method.__qualname__ = f"{title}.{name}"
        setattr(cls, name, method)
    setattr(cls, "__match_args__", names)  # noqa: B010 (a class attribute mypy does not know)
    return cls
