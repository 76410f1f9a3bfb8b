"""The fast JSON layout is exactly the standard library's indent=2 layout; the fast path of
``safe.visible`` changes nothing."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from mindlog import jsontext
from mindlog.safe import _UNSAFE, visible

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
    expected = _UNSAFE.sub(lambda m: visible(m.group()), text)
    assert visible(text) == expected
    assert visible(text, newlines=False) == expected.replace("\r", " ").replace("\n", " ").replace(
        "\t", " "
    )
