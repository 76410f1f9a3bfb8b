"""Six weeks of a made-up person's journal, written through mindlog's own commands.

Used by the screen tests (tests/test_screens.py) and the README pictures (scripts/screenshots.py),
so both show the same history. The day is fixed: mindlog must run with ``MINDLOG_NOW`` set to
``NOW`` and with ``MINDLOG_HOME`` pointing at an empty temporary folder.

The words include accents, emoji, CJK, right-to-left text and brackets that look like markup,
as a person's own words can.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

NOW = "2026-11-28T10:00:00+01:00"
TODAY = date(2026, 11, 28)

STATEMENT = (
    "I chose recovery because I want to be there for my kids, to wake up clear-headed, and to "
    "trust myself again. Small steps, every day, even the slow ones."
)

# (days ago, text, tags)
WINS = [
    (41, "Went to my first group meeting", ["commitment"]),
    (38, "Called my sister instead of staying in bed", ["meaning"]),
    (35, "Cooked a real dinner: soupe à l'oignon", ["competence"]),
    (31, "Said no to a drink at the café", ["choice"]),
    (28, "Walked to the park and back 🌳", ["progress"]),
    (24, "Read to the kids before bed", ["meaning"]),
    (21, "Finished the week without skipping a meeting", ["commitment", "progress"]),
    (17, "学会了做饺子 with my neighbour", ["competence"]),
    (14, "Wrote back to an old friend: שלום, it has been a while", ["meaning"]),
    (12, "Asked for help at work instead of hiding it", ["choice"]),
    (9, "Tidied the kitchen [bold]before[/bold] breakfast", []),
    (7, "Ran for ten minutes without stopping", ["progress", "competence"]),
    (5, "Made it through a hard evening by going for a walk", ["choice"]),
    (3, "Drew a picture with my daughter ✏️", ["meaning"]),
    (2, "Went to the group again, and spoke this time", ["commitment"]),
    (0, "Made breakfast for everyone", ["meaning"]),
    (0, "Kept my phone away during dinner [/]", []),
]

REST = {20: "Visiting family", 6: None}
SETBACKS = {10: "A rough night; I wanted to give up on all of it."}
CHECKINS = {  # days ago: mood, energy, sleep
    40: (2, 2, 2),
    33: (2, 3, 3),
    26: (3, 3, 2),
    19: (3, 3, 4),
    12: (3, 4, 3),
    10: (1, 2, 1),
    5: (4, 3, 4),
    1: (4, 4, 4),
    0: (4, 3, 5),
}


def build(invoke: Callable[..., object]) -> None:
    """Write the history with ``invoke(*args, input=None)``, one mindlog command line a call."""

    def day(ago: int) -> str:
        return (TODAY - timedelta(days=ago)).isoformat()

    invoke("commit", STATEMENT, "--date", day(42))
    for ago in (35, 21, 7, 1, 0):
        if ago:
            invoke("commit", "--reaffirm", "--date", day(ago))
    for ago in range(42, -1, -1):
        if ago in REST:
            reason = REST[ago]
            invoke("rest", *([reason] if reason else []), "--date", day(ago))
            continue
        if ago % 9 == 4:
            continue  # a quiet day: nothing logged
        if ago % 3 == 0:
            invoke("morning", "--all", "--date", day(ago))
        elif ago % 3 == 1:
            invoke("morning", "--done", "Drink a glass of water", "--date", day(ago))
    for ago, text, tags in WINS:
        args = ["win", text, "-q", "--date", day(ago)]
        for tag in tags:
            args += ["-t", tag]
        invoke(*args)
    for ago, (mood, energy, sleep) in CHECKINS.items():
        scales = ["--mood", str(mood), "--energy", str(energy), "--sleep", str(sleep)]
        invoke("checkin", *scales, "--date", day(ago))
    for ago, text in SETBACKS.items():
        invoke("setback", text, "--date", day(ago))
    invoke("support", "add", "people", "My sister Léa, any time: 07700 900123")
    invoke("support", "add", "coping", "Walk round the block, then a glass of water")
    invoke("support", "add", "professionals", "Dr Okafor at the clinic, weekdays 9-5")
    invoke("boost", "add", "Here Comes the Sun")
    invoke("boost", "add", "The letter my daughter wrote me 💛")
