"""Every reading command, on a varied history, speaks without shame or alarm."""

from __future__ import annotations

import re

import pytest

READING_COMMANDS = [
    [],
    ["today"],
    ["streaks"],
    ["streaks", "--json"],
    ["reflect"],
    ["reflect", "--week"],
    ["reflect", "--month"],
    ["reflect", "--year"],
    ["list"],
    ["commit", "--show"],
    ["greet"],
    ["support"],
    ["support", "--country", "US"],
    ["support", "--country", "GB"],
    ["support", "--country", "IE"],
    ["support", "--country", "DE"],
    ["boost"],
    ["boost", "list"],
    ["routine"],
    ["export", "--format", "md"],
    ["export", "--format", "html"],
    ["config"],
    ["bring-up", "--list"],
    ["support", "--print"],
    ["support", "--print", "--format", "html", "--country", "US"],
    ["practice"],
    ["practice", "list"],
    ["practice", "list", "--json"],
    ["checkin", "scales"],
]

SHAME = re.compile(
    r"\b(lost|lose|losing|broken|broke|break the chain|failed|failure|fail|missed|miss|"
    r"day 0|streak ended|streak over|behind|should have)\b",
    re.IGNORECASE,
)


@pytest.fixture
def varied_history(run):
    run("commit", "I want a life that feels like mine", "--date", "2026-09-01")
    for day in ("2026-09-01", "2026-09-02", "2026-09-03", "2026-10-10", "2026-11-20", "2026-11-28"):
        run("win", f"small step on {day}", "-t", "progress", "--date", day)
    run("morning", "--done", "1", "--date", "2026-11-20")
    run("rest", "tired", "--date", "2026-11-21")
    run("setback", "a hard evening", "--date", "2026-11-22")
    run("checkin", "--mood", "2", "--energy", "1", "--sleep", "3")
    run("boost", "add", "A song that helps")
    run("bring-up", "ask about sleep")
    run("bring-up", "the new job")
    run("bring-up", "--done", "1")
    run("support", "add", "reasons", "My niece")
    run("practice", "add", "walk", "--per-week", "3")
    run("practice", "add", "stretch")
    for day in ("2026-11-02", "2026-11-04", "2026-11-06", "2026-11-16", "2026-11-27"):
        run("did", "walk", "--date", day)
    run("did", "stretch", "--date", "2026-11-20")
    run("urge", "--about", "to drink", "--strength", "4", "--instead", "a walk", "--passed")
    run("urge", "--strength", "5", "--acted", "--date", "yesterday")
    run("checkin", "scales", "add", "anxiety")
    run("checkin", "--mood", "3", "--scale", "anxiety=4")


@pytest.mark.parametrize("args", READING_COMMANDS, ids=lambda a: " ".join(a) or "dashboard")
def test_reading_commands_never_shame_or_alarm(run, varied_history, args):
    result = run(*args, code=None)
    assert result.exit_code == 0, result.output
    found = SHAME.findall(result.stdout + result.stderr)
    assert not found, f"mindlog {' '.join(args)} said {found}"
    # Commands are named one way: plainly, never in backticks (Markdown has its own).
    assert "`" not in result.stdout + result.stderr or args[0] == "export", args


@pytest.mark.parametrize("args", READING_COMMANDS, ids=lambda a: " ".join(a) or "dashboard")
def test_coming_back_after_time_away_never_shames(run, varied_history, monkeypatch, args):
    monkeypatch.setenv("MINDLOG_NOW", "2026-12-06T09:00:00+01:00")  # eight days away
    result = run(*args, code=None)
    assert result.exit_code == 0, result.output
    assert not SHAME.findall(result.stdout + result.stderr), args
    assert "`" not in result.stdout + result.stderr or args[0] == "export", args


def test_usage_errors_never_shame(run):
    for args in (["wn"], ["list", "-n", "0"], ["export", "--format", "pdf"], ["edit"]):
        said = run(*args, code=2).stderr
        assert not SHAME.findall(said) and "`" not in said, args


def test_reading_commands_on_an_empty_journal(run):
    for args in READING_COMMANDS:
        result = run(*args, code=None)
        assert result.exit_code == 0, (args, result.output)
        assert not SHAME.findall(result.stdout + result.stderr), args


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _strings(item)


def test_nothing_mindlog_can_say_shames_or_alarms():
    from mindlog.domain import words

    said = [
        s for name in dir(words) if not name.startswith("_") for s in _strings(getattr(words, name))
    ]
    said += [
        words.practice_line("wins", c, t, 0.5, d)
        for c in (0, 1, 5)
        for t in (0, 1, 9)
        for d in (True, False)
    ]
    said += [words.run_words(c, lg) for c in (0, 1, 3) for lg in (0, 3, 9)]
    said += [words.showed_up_line(n) for n in range(8)] + [
        words.statement_age(d) for d in (0, 1, 5, 400)
    ]
    said += [
        words.practice_line("wins", 2, 5, 0.4, d, used)
        for d in (True, False)
        for used in (None, 1, 5, 13, 14, 400)
    ]
    said += [words.what_lasts(t, lg) for t in (1, 2, 40) for lg in (0, 1, 2, 30)]
    said += [words.strength_words(0.3, u) for u in (None, 1, 2, 14)]
    said += [
        words.strength_words(strength, used, recent)
        for strength in (0.0, 0.2, 0.9)
        for used in (None, 2, 13, 20, 50)
        for recent in ((0, 0), (1, 1), (4, 14), (12, 14))
    ]
    said += [words.showed_up_line(n, s, True) for n in (1, 3) for s in (1, 3)]
    said += [words.shown_up_days(n) for n in (0, 1, 5)]
    said += [words.wins_heading(s, n) for s in ("week", "month", "year") for n in (0, 1, 9)]
    said += [words.and_more(n) for n in (1, 12)]
    said += [
        p
        for span in ("week", "month", "year")
        for seed in "abcdefgh"
        for p in words.reflection_prompts(seed, span=span)
    ]
    said += [words.REAFFIRMED_ON.format(day="Monday 2 November 2026")]
    said += [
        words.morning_reply(d, 4, day) for d in (0, 2, 4) for day in (None, "Friday 27 November")
    ]
    assert len(said) > 60
    found = [s for s in said if SHAME.search(s)]
    assert not found, found
    assert not [s for s in said if "`" in s], "commands are named without backticks"


def test_every_companion_sentence_is_gentle(run):
    """Reasons, the printed plan, notes to bring up, what helps, the HTML page: every sentence."""
    from mindlog.cli import everyday
    from mindlog.domain import crisis, helps, plan
    from mindlog.formats import export_html, plan_page

    said = [f"{heading} {guide}" for heading, guide in plan.SECTIONS.values()]
    said += [plan.lower_heading(key) for key in plan.SECTIONS]
    said += [plan_page.TITLE, plan_page.INTRO, plan_page.UNREADABLE, plan_page.ROOM]
    said += [plan_page.HELP_HEADING, crisis.EMERGENCY, export_html.TITLE, export_html.PRIVATE]
    said += [line for country in (None, "US", "GB", "IE", "DE") for line in crisis.pointer(country)]
    said += [helps.INTRO, helps.NOT_YET]
    said += [
        helps.sentence(helps.Finding(key, scale, 3.4, 2.8, 21, 9))
        for key in helps.LABELS
        for scale in helps.SCALES
    ]
    said += [everyday.NOTE_SAVED, everyday.NOTHING_SAVED, everyday.NONE_WAITING, everyday.ASK]
    for args in (
        ["bring-up", "first"],
        ["bring-up", "second"],
        ["bring-up", "--list"],
        ["bring-up", "--done", "1"],
        ["bring-up", "--list"],
        ["bring-up", "--done", "9"],
        ["support", "add", "reasons", "My niece"],
        ["support", "--print", "--format", "html"],
        ["export", "--format", "html", "--with-plan"],
        ["streaks"],
        ["reflect", "--month"],
    ):
        result = run(*args, code=None)
        said.append(result.stdout + result.stderr)
    found = [s for s in said if SHAME.search(s)]
    assert not found, found


def test_practices_urges_and_check_ins_never_shame_or_alarm(run):
    """Every sentence of practices of your own, urges and check-in scales, and every reply."""
    from datetime import date

    from mindlog.domain import checkins, practices, urges
    from mindlog.domain.model import Entry
    from mindlog.domain.streaks import Streak

    said = [
        s
        for module in (practices, urges)
        for name in dir(module)
        if name.isupper()
        for s in _strings(getattr(module, name))
    ]
    said += [checkins.SCALE_ADDED, checkins.SCALE_REMOVED, checkins.SCALES_NONE]
    said += [checkins.count_words(n, t) for n in (2, 5) for t in (True, False)]
    said += [checkins.own_question("pain")[0], checkins.own_question("pain")[1]]
    said += [urges.ridden_words(r, lg) for r in (0, 1, 3) for lg in (0, 1, 4)]
    said += [urges.times_words(n) for n in (1, 2)] + [practices.days_words(n) for n in (0, 1, 4)]
    said += [practices.target_words(n) for n in range(1, 8)]
    said += [practices.short_target(n) for n in range(1, 8)]
    for targets in ((3, 5), (2, 7), (1, 4, 7)):  # the same practice given aims on two devices
        twin = practices.Practice("p", "walk", targets[0], date(2026, 11, 1), ("q",), targets)
        said += [practices.choice_words(twin) or ""]
    from mindlog.domain.typed import digits_hint

    said += [digits_hint("３"), checkins.QUESTIONS["mood"][0]]
    for wrong in ("²", "①", "٣", "３"):
        for parse in (lambda w: checkins.parse_scale("mood", w), urges.parse_strength):
            try:
                parse(wrong)
            except ValueError as exc:
                said.append(str(exc))
    from mindlog.usecases import login

    said += [login.practices_today(d, c) for c in (1, 3) for d in range(c + 1)]
    for per_week in (3, 7):
        practice = practices.Practice("p", "walk", per_week, date(2026, 11, 1))
        for current, longest, total in ((0, 0, 0), (0, 3, 5), (1, 1, 1), (4, 6, 20)):
            for done in (True, False):
                figures = practices.Figures(
                    practice, Streak(current, longest, total, 0.4), done, frozenset()
                )
                said += [practices.line(figures), practices.run_words(figures)]
    for passed in (True, False, None):
        fields = {"about": "x", "strength": 3, "instead": "y", "passed": passed}
        said.append(urges.describe(Entry("u", "urge", "2026-11-28", "x", None, [], fields)))
    found = [s for s in said if SHAME.search(s)]
    assert not found, found
    assert len(said) > 80


def test_writing_replies_of_practices_urges_and_scales_never_shame(run):
    replies = [
        run("practice", "add", "walk", "--per-week", "3"),
        run("practice", "add", "walk", code=1),
        run("did", "walk"),
        run("did", "walk"),
        run("did", "zz", code=1),
        run("practice", "rename", "walk", "long walk", "--per-week", "2"),
        run("practice", "remove", "long"),
        run("did", "long", code=1),
        run("urge", "--passed"),
        run("urge", "--acted"),
        run("urge", "--strength", "3"),
        run("urge", "--strength", "9", code=1),
        run("checkin", "scales", "add", "pain"),
        run("checkin", "scales", "add", "pain"),
        run("checkin", "--mood", "2"),
        run("checkin", "--mood", "2"),
        run("checkin", "--scale", "ache=2", code=1),
        run("checkin", "scales", "remove", "pain"),
    ]
    for result in replies:
        found = SHAME.findall(result.stdout + result.stderr)
        assert not found, (found, result.stdout, result.stderr)


def test_progress_bars_say_what_is_happening_gently(run, tmp_path, monkeypatch):
    import contextlib
    import json

    from mindlog.cache import fill
    from mindlog.render import progress

    said: list[str] = []

    def recording(large, total, description):
        said.append(description)
        return contextlib.nullcontext(lambda n: None)

    monkeypatch.setattr(progress, "bar_when", recording)
    entry = {"id": "w1", "kind": "win", "day": "2026-11-01", "at": "2026-11-01T09:00:00+01:00"}
    source = tmp_path / "export.json"
    source.write_text(json.dumps({"mindlog_export": 1, "entries": [entry | {"text": "hi"}]}))
    run("import", str(source))
    run("doctor", "--repair")
    run("doctor", "--compact", "--yes")

    @contextlib.contextmanager
    def drawn(total, description):
        said.append(description)
        yield lambda n: None

    from mindlog import cache
    from mindlog.store.paths import locations

    cache.drop(locations())
    monkeypatch.setattr(fill, "BIG", 1)
    cache.open_view(locations(), drawn)
    assert len(said) == 6, said
    assert all(s.startswith("mindlog: ") for s in said)
    assert not [s for s in said if SHAME.search(s)], said


# -- plain words: no kind names, one date style, settings as typed, undo and factors ------------

INTERNAL = re.compile(r"\b(practicedef|reaffirm|bringup|checkin|setback)\b")
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def test_replies_speak_plainly(run, monkeypatch):
    """Every new reply: no internal kind name, dates said one way, settings as typed, gently."""
    said = []

    def reply(*args, code=0, text=None):
        result = run(*args, code=code, input=text)
        said.append(result.stdout + result.stderr)
        return said[-1]

    run("commit", "my why", "--date", "2026-11-01")
    reply("commit", "--reaffirm")
    reply("practice", "add", "walk")
    assert "Friday 27 November 2026" in reply("did", "walk", "--date", "yesterday")
    assert "Friday 27 November 2026" in reply("did", "walk", "--date", "yesterday")
    assert "greet_private is now yes." in reply("config", "greet_private", "yes")
    assert "greet_private is now off." in reply("config", "greet_private", "off")
    assert reply("config", "greet_private").strip() == "no"
    reply("config", "greet_private", "on")
    assert "(default no)" in reply("config")
    reply("config", "greet_private", "maybe", code=1)
    reply("win", "x", "-t", "competance", code=1)
    reply("checkin", "--mood", "3")
    reply("setback", "a hard evening")
    reply("bring-up", "first")
    reply("bring-up", "second")
    reply("bring-up", "--done", "1")
    reply("bring-up", "--done", "1", code=1)
    reply("bring-up", "--done", "9", code=1)
    for _ in range(5):
        reply("undo", "--yes")
    reply("undo", code=1)
    monkeypatch.setattr("mindlog.cli.prompts.interactive", lambda: True)
    reply("win", text="Called my sister\nhappy\n2\n")
    reply("undo", text="n\n")
    reply("win", "x", "-t", "progres", text="\n")
    listing = reply("list")
    for text in said:
        assert not SHAME.findall(text), text
        assert not INTERNAL.findall(text), text
        assert "True" not in text and "False" not in text, text
    assert not ISO_DAY.findall("".join(s for s in said if s is not listing))


def test_a_setting_kind_is_hidden_from_the_listing_on_both_reads(run, monkeypatch):
    """What is kept beside the entries (model.SETTING_KINDS: the plan, boosts, the routine,
    settings) is left out of list, on the cache and on the full read alike."""
    run("win", "walked")
    run("support", "add", "reasons", "my kids")
    run("boost", "add", "call my sister")
    run("routine", "add", "Stretch for a minute")
    run("config", "country", "GB")
    hidden = ("my kids", "sister", "Stretch", "GB", "planitem", "boost", "routineitem", "setting")
    listings = (["list"], ["list", "--json"], ["list", "-n", "5"], ["list", "--search", "kids"])
    for args in listings:
        shown = run(*args).stdout
        assert not [word for word in hidden if word in shown], args
    assert "walked" in run("list").stdout
    from mindlog import cache
    from mindlog.store.paths import locations

    cache.drop(locations())
    monkeypatch.setattr("mindlog.cache.open_view", lambda *a, **k: None)  # the full read
    shown = run("list").stdout
    assert not [word for word in hidden if word in shown] and "walked" in shown


def test_a_listing_names_kinds_in_plain_words(run):
    run("commit", "my why")
    run("commit", "--reaffirm")
    run("practice", "add", "walk", "--per-week", "3")
    run("setback", "a hard evening")
    run("bring-up", "sleep")
    shown = run("list").stdout
    assert not INTERNAL.findall(shown), shown
    assert "added the practice walk" in shown and "re-read    your commitment statement" in shown
    assert "hard day" in shown and "bring-up" in shown
    assert "a hard evening" in run("list", "--kind", "hard day").stdout  # the name it shows


def test_the_markdown_export_says_other_efforts_as_reflect_does(run):
    run("win", "walked", "-t", "meaning")
    run("win", "cooked", "-t", "food")
    document = run("export").stdout
    assert "### Other efforts (1)" in document and "Other wins" not in document


def test_living_with_encryption_never_shames_or_alarms():
    """Issue 22's sentences: asking for the key, the encrypt dialogue, devices that are gone,
    what stays plain, a day of a practice logged while locked."""
    from mindlog.cli import asking, crypt, everyday

    said = [v for k, v in vars(asking).items() if k.isupper() and isinstance(v, str)]
    said += [v for k, v in vars(crypt).items() if k.isupper() and isinstance(v, str)]
    said += [everyday.DID_LOCKED.format(name="walk")]
    said += [crypt.sealed_words(s, a, d) for s in (0, 1, 7) for a in (0, 1, 9) for d in (0, 1, 2)]
    said += [
        crypt.STAYS_PLAIN.format(count=n, lines="lines", host="desk", name="desk-0a1b2c3d.jsonl")
        for n in (1, 73)
    ]
    said += [
        crypt.GONE_QUESTION.format(
            host="desk", name="desk-0a1b2c3d.jsonl", count=3, lines="lines", day="2026-11-01"
        )
    ]
    assert len(said) > 40
    assert not [s for s in said if SHAME.search(s)], [s for s in said if SHAME.search(s)]
    assert not [s for s in said if "`" in s]
