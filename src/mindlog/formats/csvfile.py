"""The CSV export: a header row and one entry a row.

The columns are ``id, kind, day, at, text, tags, fields``. Tags are separated by spaces (a tag is
one word); ``fields`` holds the kind's own fields (a morning's items, a check-in's scales) as a
JSON object, so every kind fits the same columns. It is safe to open in a spreadsheet: a cell
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (which a spreadsheet would
run as a formula) gets a leading ``'`` (OWASP's rule); ``raw=True`` writes every cell exactly as
written. Pure: it takes entries (or their fields) and gives text.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator

from mindlog.domain.model import Entry, Fields, fields_of

CSV_COLUMNS = ("id", "kind", "day", "at", "text", "tags", "fields")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """``cell`` with a leading ``'`` when a spreadsheet would read it as a formula (OWASP)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def to_csv(entries: Iterable[Entry], *, raw: bool = False) -> str:
    """One row an entry; spreadsheet-safe cells unless ``raw``."""
    return "".join(csv_parts(fields_of(entries), raw=raw))


ROWS_A_PART = 2000  # CSV rows made (and written) at a time


_US = "\x1f"  # the unit separator: a row's cells, each after one, are looked at all at once


# In the cells so joined: what the csv module would quote, and a cell that starts like a
# formula. A row with neither (nearly every row) is its cells joined by commas.
_TO_QUOTE = re.compile('[",\r\n]').search


_FORMULA = re.compile(f"{_US}[=+\\-@\t\r]").search


def csv_parts(rows: Iterable[Fields], *, raw: bool = False) -> Iterator[str]:
    """``to_csv``'s text, a few thousand rows at a time (``rows``: each entry's fields)."""
    lines: list[str] = []
    writer = csv.writer(_Lines(lines))
    writer.writerow(CSV_COLUMNS)
    dumps = json.dumps
    for number, (entry_id, kind, day, at, text, tags, fields) in enumerate(rows, start=1):
        extra = dumps(fields, ensure_ascii=False, sort_keys=True) if fields else ""
        row = [entry_id, kind, day, at, text or "", " ".join(tags), extra]
        joined = _US + _US.join(row)
        plain = joined.count(_US) == 7 and _TO_QUOTE(joined) is None
        if plain and (raw or _FORMULA(joined) is None):  # the csv module's own line
            lines.append(joined[1:].replace(_US, ",") + "\r\n")
        else:
            writer.writerow(row if raw else [spreadsheet_safe(cell) for cell in row])
        if number % ROWS_A_PART == 0:
            yield "".join(lines)
            lines.clear()
    yield "".join(lines)


class _Lines:
    """Where csv.writer writes: the lines of a part."""

    def __init__(self, lines: list[str]) -> None:
        self.write = lines.append
