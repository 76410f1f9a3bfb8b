"""Day One's JSON export, read into journal entries.

The export is a zip with one JSON file per journal (``Journal.json``) and the media in folders
(``photos/``, ``videos/``, ``audios/``, ``pdfs/``); a JSON file on its own is read too. Each has
``entries``, each with ``uuid``, ``creationDate`` (UTC, ``2024-03-01T18:21:09Z``), ``timeZone``
(``Europe/Berlin``; older exports say it only in ``location.timeZoneName``), ``text`` (Markdown), ``tags`` and ``starred``.

How an entry comes in: a journal entry at its moment in its own time zone, on its logical day
(``day_starts_at``); its text with Day One's Markdown escapes read (``5\\.30`` is ``5.30``) and
each photo, video, sound or PDF said in words (``(a photo in Day One, not copied)``): media are
not copied; its tags kept as one word each, and ``starred`` as the tag ``starred``. Its id comes
from Day One's ``uuid``, so importing again adds nothing, and a newer export adds only the new
entries. Places and weather are not brought in.
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import IO, Any

from mindlog.domain.model import FILE_DEPTH, Entry, too_deep
from mindlog.formats import sources
from mindlog.formats.sources import Options, Removed, RowProblem, SourceProblem, Tally

SOURCE = "dayone"
STARRED = "starred"
MAX_JOURNAL = 512 * 1024 * 1024  # bytes of one journal's JSON
_MOMENT = re.compile(
    r"!\[[^\]]*\]\(dayone-moment:/*(?:(video|audio|pdfAttachment|pdf)/)?([^)\s]*)\)"
)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_MEDIA_WORDS = {
    "video": "a video",
    "audio": "a sound recording",
    "pdfAttachment": "a PDF",
    "pdf": "a PDF",
    None: "a photo",
}


_MEDIA_FOLDERS = ("photos", "videos", "audios", "pdfs")


def journals(names: list[str]) -> list[str]:
    """The journals' JSON among a zip's members: at its top, or in the one folder a zip made
    again by hand puts everything in (``Export/Journal.json``); never inside the media folders."""
    found = [
        n
        for n in names
        if n.lower().endswith(".json")
        and n.count("/") <= 1
        and not n.lower().startswith(tuple(f"{m}/" for m in _MEDIA_FOLDERS))
        and "__MACOSX" not in n
    ]
    top = [n for n in found if "/" not in n]
    return top or found


def looks_like_zip(names: list[str]) -> bool:
    """Whether a zip with these member names is Day One's export (a journal's JSON)."""
    return bool(journals(names))


def looks_like_json(head: str) -> bool:
    return '"creationDate"' in head or ('"metadata"' in head and '"entries"' in head)


def read(archive: zipfile.ZipFile, options: Options, tally: Tally) -> Iterator[Entry | Removed]:
    wanted = set(journals(archive.namelist()))
    found = [info for info in archive.infolist() if info.filename in wanted]
    if not found:
        raise SourceProblem("the zip has no journal's JSON, so it is not Day One's export")
    for info in found:
        if info.file_size > MAX_JOURNAL:
            tally.leave("a journal larger than any Day One writes", info.filename)
            continue
        with archive.open(info) as handle:
            yield from read_json(handle, info.filename, options, tally)


def read_json(
    handle: IO[bytes], name: str, options: Options, tally: Tally
) -> Iterator[Entry | Removed]:
    """The entries of one journal's JSON."""
    journal = posixpath.splitext(posixpath.basename(name))[0]
    try:
        data = json.load(io.TextIOWrapper(handle, encoding="utf-8-sig"))
    except RecursionError:
        raise SourceProblem(f"{name} is nested far deeper than any export") from None
    except ValueError:
        raise SourceProblem(
            f"{name} is not JSON as Day One writes it; nothing was imported"
        ) from None
    if too_deep(data, FILE_DEPTH):
        raise SourceProblem(f"{name} is nested far deeper than any export")
    found = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(found, list):
        raise SourceProblem(f"{name} has no entries, so it is not Day One's export")
    for number, item in enumerate(found, start=1):
        where = f"{name} entry {number}"
        try:
            yield _entry(item, options, tally, where)
            tally.add(f"Day One entries ({journal}) → journal entries")
        except RowProblem as exc:
            tally.leave(f"an entry that {exc}", where)


def moment_of(item: dict[str, Any], options: Options, tally: Tally) -> datetime:
    """When an entry was written, in its own time zone (this computer's when the zone is not
    known here)."""
    raw = item.get("creationDate")
    if not isinstance(raw, str):
        raise RowProblem("has no creationDate")
    try:
        utc = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        raise RowProblem(f"has the creationDate {raw[:30]!r}, not an ISO 8601 time") from None
    if utc.tzinfo is None:
        utc = utc.replace(tzinfo=UTC)
    if sources.outside(utc.date()):
        raise RowProblem(f"is dated {utc.date().isoformat()}, outside the days mindlog keeps")
    zone = item.get("timeZone")
    place = item.get("location")
    if not isinstance(zone, str) and isinstance(place, dict):
        zone = place.get("timeZoneName")  # older exports say it only with the place
    if isinstance(zone, str) and zone.strip():
        try:
            from zoneinfo import ZoneInfo

            return utc.astimezone(ZoneInfo(zone.strip()))
        except (ValueError, OSError, KeyError, OverflowError):
            tally.how["time zones this computer does not know"] = (
                "those entries are placed in this computer's time zone"
            )
    try:
        return utc.astimezone(options.zone) if options.zone else utc.astimezone()
    except (ValueError, OverflowError, OSError):
        raise RowProblem("has a time this computer cannot place") from None


def text_of(raw: str, tally: Tally) -> str:
    """Day One's Markdown as kept: escapes read, media said in words."""

    def media(found: re.Match[str]) -> str:
        words = _MEDIA_WORDS.get(found.group(1), "a photo")
        tally.add("photos, videos and other media → said in words (not copied)")
        return f"({words} in Day One, not copied)"

    return _ESCAPED.sub(r"\1", _MOMENT.sub(media, raw)).strip()


def _entry(item: Any, options: Options, tally: Tally, where: str) -> Entry:
    if not isinstance(item, dict):
        raise RowProblem("is not a Day One entry")
    uuid = item.get("uuid")
    if not isinstance(uuid, str) or not uuid.strip() or len(uuid) > 200:
        raise RowProblem("has no uuid")
    moment = moment_of(item, options, tally)
    raw = item.get("text")
    text = text_of(raw, tally) if isinstance(raw, str) else ""
    if not text:
        kinds = [k for k in ("photos", "videos", "audios", "pdfAttachments") if item.get(k)]
        if not kinds:
            raise RowProblem("has no text")
        text = "(media only in Day One, not copied)"
    tags: list[str] = []
    listed = item.get("tags")
    for raw_tag in listed if isinstance(listed, list) else []:
        made = sources.tag(raw_tag) if isinstance(raw_tag, str) else None
        if made is not None:
            tags.append(made)
    if item.get("starred") is True:
        tags.append(STARRED)
    if tags:
        tally.add("tags kept", len(tags))
    for extra, words in (("location", "place"), ("weather", "weather")):
        if item.get(extra):
            tally.leave(f"an entry's {words} (not brought in)", where)
    return sources.entry(
        sources.stable_id(SOURCE, uuid.strip()),
        sources.JOURNAL_KIND,
        moment,
        options,
        text,
        tags,
        source=SOURCE,
    )
