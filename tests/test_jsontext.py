"""The fast JSON layout is exactly the standard library's indent=2 layout; the fast path of
``safe.visible`` changes nothing."""

from __future__ import annotations

import json
import re
import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from mindlog.cache import db as cachedb
from mindlog.cache import rows
from mindlog.domain.model import Entry
from mindlog.domain.safe import _UNSAFE, visible
from mindlog.formats import jsontext

VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(VALUES)
def test_the_layout_is_the_standard_librarys(value):
    assert jsontext.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_keys_that_are_not_strings_are_left_to_the_standard_library():
    value = [{1: "a", None: [True, 2.5]}, {"k": {}}, []]
    assert jsontext.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


@given(st.text())
def test_visible_text_is_what_the_escapes_make_of_it(text):
    expected = re.sub(_UNSAFE, lambda m: visible(m.group()), text)
    assert visible(text) == expected
    assert visible(text, newlines=False) == expected.replace("\r", " ").replace("\n", " ").replace(
        "\t", " "
    )


# -- the cache keeps an entry in columns and lays its JSON out in SQL (mindlog.cache.db.json_of) --

WORDS = st.text(max_size=12)
FIELDS = st.dictionaries(
    st.text(max_size=6).filter(lambda k: k not in ("id", "kind", "day", "at", "text", "tags")),
    VALUES,
    max_size=4,
)


@given(
    st.builds(
        Entry,
        id=WORDS.filter(bool),
        kind=WORDS.filter(bool),
        day=WORDS,
        at=WORDS,
        text=st.none() | st.text(),
        tags=st.lists(WORDS, max_size=4),
        fields=FIELDS,
        written=st.integers(min_value=0, max_value=2**62),
    )
)
def test_the_caches_columns_give_back_the_entry_and_its_json(entry):
    """What ``list --json`` reads from the cache is the standard library's layout of the entry,
    and the entry read back from its columns is the entry (strings of every character SQLite
    stores: NUL, controls, other planes)."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE entries(id, kind, day, at, text, tags, rest, written)")
    at, text, tags, rest = rows.columns(entry)
    db.execute(
        "INSERT INTO entries VALUES (?,?,?,?,?,?,?,?)",
        (entry.id, entry.kind, entry.day, at, text, tags, rest, entry.written),
    )
    laid_out, deeper, *columns = db.execute(
        f"SELECT {cachedb.json_of()}, {cachedb.json_of('    ')}, {cachedb.ENTRY} FROM entries"
    ).fetchone()
    expected = json.dumps(entry.to_json(), ensure_ascii=False, indent=2)
    assert laid_out == expected
    assert deeper == expected.replace("\n", "\n    ")
    back = rows.entry_of(tuple(columns))
    assert json.dumps(back.to_json(), ensure_ascii=False, indent=2) == expected  # NaN too
    assert back.written == entry.written
    db.close()
