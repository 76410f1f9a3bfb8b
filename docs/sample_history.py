"""A made-up history of six weeks, written into $MINDLOG_HOME, for the README's picture.

Run:  MINDLOG_HOME=/tmp/sample python docs/sample_history.py
Then: mindlog export --format html --with-plan -o sample.html  (with MINDLOG_NOW=2026-11-28T10:00:00+01:00)
Every entry is invented; none is anyone's.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from mindlog.domain.journal import add_event
from mindlog.store import planfile
from mindlog.store.eventlog import Store
from mindlog.store.paths import locations

LAST = date(2026, 11, 28)
WINS = [
    ("Walked to the shop instead of ordering in", "choice"),
    ("Called my sister back", "meaning"),
    ("Cooked a real dinner", "competence"),
    ("Went to the group even though I did not feel like it", "commitment"),
    ("Finished the first chapter of the course", "progress"),
    ("Sat outside for ten minutes", "choice"),
]
ROUTINE = ["Drink a glass of water", "Open the curtains", "Stretch for a minute", "Read my why"]


def events(days: int = 42, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    out = [
        add_event(
            "commitment",
            LAST - timedelta(days=days),
            f"{LAST - timedelta(days=days)}T09:00:00+01:00",
            "I want to be present for the people I love, and to feel at home in my own days.",
        )
    ]
    for n in range(days, -1, -1):
        day = LAST - timedelta(days=n)
        at = f"{day}T09:30:00+01:00"
        morning = rng.random() < 0.65
        if morning:
            done = [i for i in ROUTINE if rng.random() < 0.85] or ROUTINE[:1]
            out.append(add_event("morning", day, at, None, done=done, routine=ROUTINE))
        won = rng.random() < 0.6
        if won:
            text, factor = rng.choice(WINS)
            out.append(add_event("win", day, f"{day}T18:00:00+01:00", text, [factor]))
        if rng.random() < 0.85:
            lift = (1 if morning else 0) + (1 if won else 0)
            mood = max(1, min(5, round(rng.gauss(2.4 + 0.6 * lift, 0.7))))
            energy = max(1, min(5, round(rng.gauss(2.3 + 0.5 * lift, 0.8))))
            sleep = max(1, min(5, round(rng.gauss(3.0, 0.9))))
            out.append(
                add_event(
                    "checkin",
                    day,
                    f"{day}T21:00:00+01:00",
                    None,
                    mood=mood,
                    energy=energy,
                    sleep=sleep,
                )
            )
    out.append(
        add_event(
            "bringup",
            LAST - timedelta(days=3),
            f"{LAST - timedelta(days=3)}T20:00:00+01:00",
            "How to say no to extra shifts without feeling guilty",
            done=False,
        )
    )
    out.append(
        add_event(
            "bringup",
            LAST - timedelta(days=1),
            f"{LAST - timedelta(days=1)}T20:00:00+01:00",
            "Sleep has been better since the walks",
            done=False,
        )
    )
    return out


def main() -> None:
    where = locations()
    Store(where).append(events())

    def fill(plan):
        plan.sections["reasons"] = ["My niece and nephew", "Seeing the sea again next summer"]
        plan.sections["signs"] = ["I stop answering messages", "Sleeping past noon"]
        plan.sections["coping"] = ["Walk round the block", "Shower and clean clothes"]
        plan.sections["people"] = ["Sam (brother): 07700 900123"]
        plan.sections["professionals"] = ["Dr Okafor, surgery: 020 7946 0000"]

    planfile.change(where, fill)


if __name__ == "__main__":
    main()
