"""Wrapping and shortening text for the terminal (mindlog.render.out.wrap, fit; mindlog.domain.safe.one_line)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mindlog.domain.safe import one_line
from mindlog.render.out import STAND_INS, cells, degrade, fit, wrap

WORD = st.text(
    alphabet=st.sampled_from(list("abcdefghij") + ["é", "学", "ש", "🌳", "·", "-", "[", "]", "/"]),
    min_size=1,
    max_size=14,
)
TEXT = st.lists(WORD, max_size=30).map(" ".join)
WIDTH = st.integers(min_value=8, max_value=120)


@given(TEXT, WIDTH)
def test_wrapped_lines_fit_and_keep_every_word_whole_when_it_can(text, width):
    lines = wrap(text, width)
    assert all(cells(line) <= width for line in lines)
    if all(cells(word) <= width - 5 for word in text.split()):
        assert " ".join(" ".join(lines).split()) == " ".join(text.split())
        words = set(text.split())
        for line in lines:
            for word in line.split():
                assert word in words or word == "mindlog"


@given(TEXT, WIDTH)
def test_fit_is_one_line_that_ends_at_a_word_boundary(text, width):
    shown = fit(text, width)
    assert cells(shown) <= width
    if shown != text:
        assert shown.endswith("…")
        kept = shown.removesuffix("…").split(" ")
        original = text.split(" ")
        if len(kept) > 1:  # unless one word was longer than the line
            assert kept[:-1] == original[: len(kept) - 1]


@given(TEXT, st.integers(min_value=4, max_value=80))
def test_one_line_cuts_at_a_word_boundary_unless_a_word_is_too_long(text, width):
    shown = one_line(text, width)
    assert len(shown) <= width
    if shown != " ".join(text.split()) and " " in shown:
        last = shown.removesuffix("…").split(" ")[-1]
        assert any(w.startswith(last) for w in text.split())


@given(TEXT)
def test_any_encoding_can_carry_degraded_text(text):
    for encoding in ("ascii", "latin-1", "cp1252", "utf-8"):
        degrade(text + "".join(STAND_INS), encoding).encode(encoding)


@given(
    st.lists(st.one_of(TEXT, st.lists(TEXT, min_size=2, max_size=5).map(" · ".join)), max_size=7),
    st.integers(min_value=20, max_value=200),
    st.integers(min_value=1, max_value=6),
)
def test_the_greeting_fits_its_room_and_the_terminal(lines, width, room):
    from mindlog.usecases.login import screen_lines

    shown = screen_lines(lines, width, room)
    assert len(shown) <= room
    assert all(cells(line) <= width for line in shown)
    assert screen_lines(lines, None, room) == lines[:room]  # piped: as they are
