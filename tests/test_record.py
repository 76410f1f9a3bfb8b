"""mindlog.domain.record makes the classes of the everyday path as dataclasses would, without
importing dataclasses: the same classes written twice, once made by each, behave alike."""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mindlog.domain import record as rec
from mindlog.domain.model import Entry, Problem
from mindlog.domain.record import FrozenInstanceError


def shapes(make: Any, field: Any) -> dict[str, type]:
    """The shapes mindlog's records have (Entry, Config, Problem/Stamp/Locations, Greeting,
    Journal), made by ``make`` (dataclasses.dataclass or record) with ``field``."""

    @make
    class Entry:  # required fields, a plain default, factories, a field not compared
        id: str
        kind: str
        text: str | None = None
        tags: list[str] = field(default_factory=list)
        fields: dict[str, Any] = field(default_factory=dict)
        written: int = field(default=0, compare=False)

        def first(self) -> str:
            return self.id[:1]

    @make
    class Config:  # factories and a private field neither shown nor compared
        values: dict[str, Any] = field(default_factory=dict)
        problem: str | None = None
        kept: ClassVar[int] = 3  # not a field
        _routine: list[str] | None = field(default=None, repr=False, compare=False)

    @make(frozen=True)
    class Problem:  # frozen, hashable
        file: str
        line: int
        reason: str

    @make
    class Greeting:  # defaults of every kind, used with replace and asdict
        empty: bool = True
        practices: list[tuple[str, int]] = field(default_factory=list)
        past: tuple[str, str] | None = None
        own: tuple[int, int] = (0, 0)
        problem: Any = None

    @make
    class Empty:
        pass

    @make
    class Filter:  # a __post_init__ that changes what was given (domain.query.Filter)
        kinds: list[str] = field(default_factory=list)
        search: str | None = None

        def __post_init__(self) -> None:
            if isinstance(self.kinds, list):
                self.kinds = [repr(kind).lower() for kind in self.kinds]

    return {
        "Entry": Entry,
        "Config": Config,
        "Problem": Problem,
        "Greeting": Greeting,
        "Empty": Empty,
        "Filter": Filter,
    }


DATA = shapes(dataclasses.dataclass, dataclasses.field)
MINE = shapes(rec._record, rec._field)

ATOMS = st.none() | st.booleans() | st.integers() | st.text(max_size=5)
VALUES = st.recursive(
    ATOMS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def arguments(draw: st.DrawFn, name: str) -> tuple[list[Any], dict[str, Any]]:
    """Positional and keyword arguments for the shape ``name``, some fields left to default."""
    params = list(inspect.signature(DATA[name]).parameters.values())
    chosen = {
        p.name: draw(VALUES)
        for p in params
        if p.default is inspect.Parameter.empty or draw(st.booleans())
    }
    lead = 0  # the first fields, all given: any number of them may be given by position
    while lead < len(params) and params[lead].name in chosen:
        lead += 1
    cut = draw(st.integers(0, lead))
    positional = [chosen.pop(p.name) for p in params[:cut]]
    return positional, chosen


def both(name: str, args: tuple[list[Any], dict[str, Any]]) -> tuple[Any, Any]:
    positional, keywords = args
    return DATA[name](*positional, **keywords), MINE[name](*positional, **keywords)


def same_outcome(act: Any, data: Any, mine: Any) -> None:
    """``act`` gives the same result, or raises the same kind of error, on both."""
    try:
        expected: Any = ("value", act(data))
    except Exception as exc:  # noqa: BLE001 - the error is what is compared
        expected = ("error", type(exc))
    try:
        found: Any = ("value", act(mine))
    except Exception as exc:  # noqa: BLE001
        found = ("error", type(exc))
    assert found == expected


NAMES = st.sampled_from(sorted(DATA))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_records_are_made_compared_and_shown_as_dataclasses(data: st.DataObject) -> None:
    name = data.draw(NAMES)
    one = data.draw(arguments(name))
    other = data.draw(st.one_of(st.just(one), arguments(name)))
    d1, m1 = both(name, one)
    d2, m2 = both(name, other)
    assert repr(m1) == repr(d1)
    assert (m1 == m2) == (d1 == d2)
    assert (m1 != m2) == (d1 != d2)
    assert m1.__eq__(object()) is NotImplemented
    for field in dataclasses.fields(d1):
        assert getattr(m1, field.name) == getattr(d1, field.name)
    assert rec.asdict(m1) == dataclasses.asdict(d1)
    same_outcome(hash, d1, m1)
    changes = {
        key: value
        for key, value in other[1].items()
        if data.draw(st.booleans(), label=f"replace {key}")
    }
    assert repr(rec.replace(m1, **changes)) == repr(dataclasses.replace(d1, **changes))
    with pytest.raises(TypeError):
        rec.replace(m1, nothing=1)


@pytest.mark.parametrize("name", sorted(DATA))
def test_the_classes_themselves_match(name: str) -> None:
    made, mine = DATA[name], MINE[name]
    assert mine.__match_args__ == made.__match_args__  # type: ignore[attr-defined]
    assert (mine.__hash__ is None) == (made.__hash__ is None)
    for field in dataclasses.fields(made):  # plain defaults stay on the class, factories do not
        assert getattr(mine, field.name, "none") == getattr(made, field.name, "none")
    assert mine.kept == 3 if name == "Config" else True  # type: ignore[attr-defined]


def test_defaults_made_by_a_factory_are_new_each_time() -> None:
    one, two = MINE["Entry"]("a", "win"), MINE["Entry"]("b", "win")
    one.tags.append("x")
    assert two.tags == []
    assert one.first() == "a"  # the class's own methods are kept


def test_frozen_records_refuse_changes() -> None:
    problem = MINE["Problem"]("f", 1, "why")
    with pytest.raises(FrozenInstanceError):
        problem.line = 2
    with pytest.raises(AttributeError):
        del problem.file
    assert problem.line == 1
    assert {problem, MINE["Problem"]("f", 1, "why")} == {problem}


@pytest.mark.parametrize(
    "args",
    [
        ((), {}),  # required fields missing
        (("a",), {}),
        (("a", "b", None, [], {}, 0, "one too many"), {}),
        (("a", "b"), {"kind": "again"}),  # given twice
        (("a", "b"), {"nothing": 1}),  # no such field
        ((), {"id": "a", "kind": "b", "written": 3}),
        (("a",), {"kind": "b", "tags": ["x"]}),
    ],
)
def test_arguments_are_taken_or_refused_as_a_dataclass_does(args: Any) -> None:
    positional, keywords = args
    same_outcome(lambda cls: vars(cls(*positional, **keywords)), DATA["Entry"], MINE["Entry"])
    same_outcome(lambda cls: vars(cls(*positional, **keywords)), DATA["Problem"], MINE["Problem"])


def test_an_entry_takes_its_fields_as_a_dataclass_would() -> None:
    """Entry writes its own __init__ (it is made for every line read): it takes the fields
    record knows of, in their order, with their defaults."""
    fields = Entry.__record_fields__  # type: ignore[attr-defined]

    def given_or_missing(value: Any) -> Any:
        return dataclasses.MISSING if value is rec._MISSING else value

    twin = dataclasses.make_dataclass(
        "Entry",
        [
            (
                name,
                Any,
                dataclasses.field(
                    default=given_or_missing(spec.default),
                    default_factory=given_or_missing(spec.default_factory),
                    compare=spec.compare,
                ),
            )
            for name, spec in fields.items()
        ],
    )
    wanted = [(p.name, p.kind) for p in inspect.signature(twin).parameters.values()]
    assert [(p.name, p.kind) for p in inspect.signature(Entry).parameters.values()] == wanted
    for args in (("a", "win", "d", "t"), ("a", "win", "d", "t", "x", ["m"], {"f": 1}, 7)):
        assert vars(Entry(*args)) == vars(twin(*args))
        assert repr(Entry(*args)) == repr(twin(*args))
    assert Entry("a", "b", "c", "d").tags is not Entry("a", "b", "c", "d").tags


def test_what_dataclasses_refuse_is_refused() -> None:
    with pytest.raises(ValueError):

        @rec._record
        class Mutable:
            items: list[int] = []  # noqa: RUF012

    with pytest.raises(TypeError):

        @rec._record
        class Order:
            text: str = ""
            kind: str

    with pytest.raises(TypeError):
        rec.asdict(object())
    with pytest.raises(ValueError):
        rec._field(default=1, default_factory=list)


def test_mindlogs_records_are_made_by_record() -> None:
    """The everyday modules' classes are records, not dataclasses (dataclasses is not imported
    by win and greet: tests/test_imports.py), and still compare and show as before."""
    assert not dataclasses.is_dataclass(Entry)
    entry = Entry("id1", "win", "2026-11-28", "10:00", "walked", ["meaning"], written=5)
    assert entry == Entry("id1", "win", "2026-11-28", "10:00", "walked", ["meaning"], written=9)
    assert repr(entry).startswith("Entry(id='id1', kind='win'")
    assert hash(Problem("f", 1, "r")) == hash(("f", 1, "r"))
