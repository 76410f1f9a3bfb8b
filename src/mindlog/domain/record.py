"""Record classes for the modules every command imports, without importing ``dataclasses``.

``import dataclasses`` pulls in ``inspect`` (and with it ``ast``, ``dis``, ``tokenize``...): about
as long as Python takes to start, paid by every command before it does anything. The classes of
the everyday commands (entries, the journal, settings, where files live, the kept greeting,
practices and their runs...) are written as dataclasses and made by ``record`` instead, which
gives what they use of dataclasses: ``__init__`` with defaults and default factories (then
``__post_init__``, when the class has one), ``__eq__`` over the compared fields, ``__repr__``,
``__hash__`` and no assignment when frozen (``__hash__ = None`` when not), ``__match_args__``;
and ``replace`` and ``asdict``. To mypy they are dataclasses (the names below are dataclasses'
own when type checking); tests/test_record.py checks that they behave as dataclasses do for the
shapes mindlog uses. Views, formats and the Typer commands keep ``dataclasses``: rich, which
they draw with, imports it anyway.

A class may write its own ``__init__`` (kept, as dataclasses keep it): one made by the thousand
does (Entry), since the ``__init__`` made here reads its arguments generically, a few
microseconds a call. Not supported (refused with a TypeError, never guessed): a record
extending another record, ``InitVar``, and a class that writes ``__eq__``, ``__repr__`` or
``__hash__`` itself. Annotations are read as written (``from __future__ import annotations``:
strings); ``ClassVar`` ones are not fields.
"""

from __future__ import annotations

from operator import attrgetter

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
_MADE_HERE = ("__eq__", "__repr__", "__hash__", "__setattr__", "__delattr__")  # and __init__
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
    for name in _MADE_HERE:
        if name in cls.__dict__:
            raise TypeError(f"{cls.__name__} defines {name} itself: not supported by record")
    fields = _fields_of(cls)
    names = tuple(fields)
    # The methods are closures over the field names, never source compiled at run time as
    # dataclasses does (tens of microseconds a method; a process's first compile, a millisecond).
    # A class made by the thousand writes its own __init__ (Entry), which record keeps.
    if "__init__" not in cls.__dict__:
        cls.__init__ = _initializer(cls, fields)
    compared = _values(tuple(name for name, spec in fields.items() if spec.compare))
    shown = tuple(name for name, spec in fields.items() if spec.repr)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __repr__(self: Any) -> str:
        inside = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({inside})"

    def __hash__(self: Any) -> int:
        return hash(compared(self))

    cls.__eq__ = __eq__
    cls.__repr__ = __repr__
    if frozen:
        cls.__hash__ = __hash__
        cls.__setattr__ = _frozen_set
        cls.__delattr__ = _frozen_delete
    else:
        cls.__hash__ = None  # mutable and compared: unhashable, as a dataclass
    for method in (cls.__eq__, cls.__repr__, cls.__hash__):
        if method is not None:
            method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
    setattr(cls, "__match_args__", names)  # noqa: B010 (mypy refuses the assignment)
    cls.__record_fields__ = fields
    return cls


def _values(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The named fields' values of a record, as a tuple (compared as dataclasses compare)."""
    if not names:
        return lambda obj: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return attrgetter(*names)


def _initializer(cls: Any, fields: dict[str, _Field]) -> Callable[..., None]:
    """__init__ taking the fields by position or by name, as a dataclass's does, then calling
    the class's ``__post_init__`` when it has one."""
    qualname = cls.__qualname__
    post = cls.__dict__.get("__post_init__")
    names = tuple(fields)
    defaults = {n: s.default for n, s in fields.items() if s.default is not _MISSING}
    factories = {
        n: s.default_factory for n, s in fields.items() if s.default_factory is not _MISSING
    }
    where = f"{qualname}.__init__()"
    count = len(names)

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > count:
            raise TypeError(
                f"{where} takes {count + 1} positional arguments but {len(args) + 1} were given"
            )
        values = dict(zip(names, args, strict=False))  # fewer args than names: the rest below
        if kwargs:
            for name in kwargs:
                if name in values:
                    raise TypeError(f"{where} got multiple values for argument {name!r}")
                if name not in fields:
                    raise TypeError(f"{where} got an unexpected keyword argument {name!r}")
            values.update(kwargs)
        if kwargs or len(values) < count:  # in the fields' order, as a dataclass sets them
            for name in names[len(args) :]:
                if name in values:
                    continue
                if name in defaults:
                    values[name] = defaults[name]
                elif name in factories:
                    values[name] = factories[name]()
                else:
                    raise TypeError(f"{where} missing required argument: {name!r}")
            values = {name: values[name] for name in names}
        # Straight into the instance's dict: a frozen record's __setattr__ refuses, and one
        # update is quicker than a call for each field.
        self.__dict__.update(values)
        if post is not None:
            post(self)

    __init__.__qualname__ = f"{qualname}.__init__"
    return __init__


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
