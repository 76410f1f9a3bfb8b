"""Record classes for the modules every command imports, without importing ``dataclasses``.

``import dataclasses`` pulls in ``inspect`` (and with it ``ast``, ``dis``, ``tokenize``...): about
as long as Python takes to start, paid by ``win`` and ``greet`` before they do anything. The
classes of the everyday path (entries, the journal, settings, where files live, the kept
greeting...) are written as dataclasses and made by ``record`` instead, which gives what they use
of dataclasses: ``__init__`` with defaults and default factories, ``__eq__`` over the compared
fields, ``__repr__``, ``__hash__`` and no assignment when frozen (``__hash__ = None`` when not),
``__match_args__``; and ``replace`` and ``asdict``. To mypy they are dataclasses (the names below
are dataclasses' own when type checking); tests/test_record.py checks that they behave as
dataclasses do for the shapes mindlog uses. Views, formats and the Typer commands keep
``dataclasses``: rich, which they draw with, imports it anyway.

Not supported (refused with a TypeError, never guessed): a record extending another record,
``InitVar``, and a class that writes ``__init__``, ``__eq__``, ``__repr__`` or ``__hash__``
itself. Annotations are read as written (``from __future__ import annotations``: strings);
``ClassVar`` ones are not fields.
"""

from __future__ import annotations

# Not typing.TYPE_CHECKING: importing typing is a cost this module exists to avoid (mypy takes
# any name TYPE_CHECKING as true).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

__all__ = ["FrozenInstanceError", "asdict", "field", "record", "replace"]


class FrozenInstanceError(AttributeError):
    """A field of a frozen record was assigned or deleted (as dataclasses.FrozenInstanceError)."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


_MISSING: Any = _Missing()
_OWN = ("__init__", "__eq__", "__repr__", "__hash__", "__setattr__", "__delattr__")
_ATOMS = (str, int, float, bool, bytes, type(None))


class _Field:
    """One field's default (or default factory) and whether it is shown and compared."""

    __slots__ = ("compare", "default", "default_factory", "repr")

    def __init__(self, default: Any, default_factory: Any, repr: bool, compare: bool) -> None:
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare


def _field(
    *,
    default: Any = _MISSING,
    default_factory: Callable[[], Any] | Any = _MISSING,
    repr: bool = True,
    compare: bool = True,
) -> Any:
    if default is not _MISSING and default_factory is not _MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return _Field(default, default_factory, repr, compare)


def _record(cls: type | None = None, /, *, frozen: bool = False) -> Any:
    def make(cls: type) -> Any:
        return _make(cls, frozen)

    return make if cls is None else make(cls)


def _fields_of(cls: type) -> dict[str, _Field]:
    """The class's fields in the order written, their defaults taken off the class as
    dataclasses does (a plain default stays a class attribute, a factory's field has none)."""
    for base in cls.__mro__[1:]:
        if "__record_fields__" in base.__dict__:
            raise TypeError(f"{cls.__name__}: a record cannot extend another record")
    fields: dict[str, _Field] = {}
    defaulted = False
    for name, written in cls.__dict__.get("__annotations__", {}).items():
        kind = written if isinstance(written, str) else getattr(written, "__name__", "")
        head = kind.split("[", 1)[0].strip()
        if head in ("ClassVar", "typing.ClassVar"):
            continue
        if head in ("InitVar", "dataclasses.InitVar"):
            raise TypeError(f"{cls.__name__}.{name}: InitVar is not supported")
        value = cls.__dict__.get(name, _MISSING)
        spec = value if isinstance(value, _Field) else _Field(value, _MISSING, True, True)
        if isinstance(spec.default, (list, dict, set)):
            raise ValueError(
                f"mutable default {type(spec.default)} for field {name} is not allowed: "
                "use default_factory"
            )
        if isinstance(value, _Field):
            if spec.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, spec.default)
        has_default = spec.default is not _MISSING or spec.default_factory is not _MISSING
        if defaulted and not has_default:
            raise TypeError(f"non-default argument {name!r} follows default argument")
        defaulted = defaulted or has_default
        fields[name] = spec
    return fields


def _make(cls: Any, frozen: bool) -> Any:  # Any: methods are set on the class
    for name in _OWN:
        if name in cls.__dict__:
            raise TypeError(f"{cls.__name__} defines {name} itself: not supported by record")
    fields = _fields_of(cls)
    # The methods are written out as source and compiled once for the class, as dataclasses
    # does: __init__ then runs as fast as a hand-written one (entries are made by the thousand).
    scope: dict[str, Any] = {
        "__name__": cls.__module__,
        "_r_missing": _MISSING,
        "_r_set": object.__setattr__,
    }
    params: list[str] = []
    body: list[str] = []
    for name, spec in fields.items():
        if spec.default_factory is not _MISSING:
            scope[f"_r_factory_{name}"] = spec.default_factory
            params.append(f"{name}=_r_missing")
            value = f"_r_factory_{name}() if {name} is _r_missing else {name}"
        elif spec.default is not _MISSING:
            scope[f"_r_default_{name}"] = spec.default
            params.append(f"{name}=_r_default_{name}")
            value = name
        else:
            params.append(name)
            value = name
        body.append(f"_r_set(self, {name!r}, {value})" if frozen else f"self.{name} = {value}")
    compared = [name for name, spec in fields.items() if spec.compare]
    mine = "(" + "".join(f"self.{name}," for name in compared) + ")"
    theirs = "(" + "".join(f"other.{name}," for name in compared) + ")"
    shown = ", ".join(f"{name}={{self.{name}!r}}" for name, spec in fields.items() if spec.repr)
    source = [
        f"def __init__(self, {', '.join(params)}):" if params else "def __init__(self):",
        *(f"    {line}" for line in body or ["pass"]),
        "def __eq__(self, other):",
        "    if other.__class__ is self.__class__:",
        f"        return {mine} == {theirs}",
        "    return NotImplemented",
        "def __repr__(self):",
        f'    return self.__class__.__qualname__ + f"({shown})"',
    ]
    made = ["__init__", "__eq__", "__repr__"]
    if frozen:
        source += ["def __hash__(self):", f"    return hash({mine})"]
        made.append("__hash__")
    exec("\n".join(source), scope)  # our own source, made of the class's field names
    for name in made:
        method = scope[name]
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)
    if frozen:
        cls.__setattr__ = _frozen_set
        cls.__delattr__ = _frozen_delete
    else:
        cls.__hash__ = None  # mutable and compared: unhashable, as a dataclass
    setattr(cls, "__match_args__", tuple(fields))  # noqa: B010 (mypy refuses the assignment)
    cls.__record_fields__ = fields
    return cls


def _frozen_set(self: object, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delete(self: object, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _fields_or_error(obj: object) -> dict[str, _Field]:
    fields: dict[str, _Field] | None = getattr(type(obj), "__record_fields__", None)
    if fields is None:
        raise TypeError(f"{type(obj).__name__} is not a record")
    return fields


def _replace(obj: Any, /, **changes: Any) -> Any:
    for name in _fields_or_error(obj):
        if name not in changes:
            changes[name] = getattr(obj, name)
    return obj.__class__(**changes)


def _asdict(obj: Any) -> dict[str, Any]:
    return {name: _plain(getattr(obj, name)) for name in _fields_or_error(obj)}


def _plain(value: Any) -> Any:
    """A value as dataclasses.asdict gives it: records as dicts, containers copied."""
    if isinstance(value, _ATOMS):
        return value
    if hasattr(type(value), "__record_fields__"):
        return _asdict(value)
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return type(value)(*[_plain(item) for item in value])
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(item) for item in value)
    if isinstance(value, dict):
        return type(value)((_plain(key), _plain(item)) for key, item in value.items())
    import copy  # here only: no record of the everyday path holds anything else

    return copy.deepcopy(value)


if TYPE_CHECKING:
    from dataclasses import asdict, field, replace
    from dataclasses import dataclass as record
else:
    record, field, replace, asdict = _record, _field, _replace, _asdict
