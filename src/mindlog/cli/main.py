"""Every command on one app: importing a module registers its commands."""

# Importing a module registers its commands; the order is the order of `mindlog --help`.
from mindlog.cli import writing  # noqa: F401, I001
from mindlog.cli import reading  # noqa: F401
from mindlog.cli import streaks  # noqa: F401
from mindlog.cli import practice, urge  # noqa: F401
from mindlog.cli import checkin, boost, support  # noqa: F401
from mindlog.cli import companion  # noqa: F401
from mindlog.cli import data, changes, transfer, settings  # noqa: F401
from mindlog.cli import login  # noqa: F401
from mindlog.cli import remind  # noqa: F401
from mindlog.cli import doctor  # noqa: F401
from mindlog.cli import crypt  # noqa: F401
from mindlog.cli import help  # noqa: F401
from mindlog.cli.app import app, arrange, examples_on_lines

# The groups of `mindlog --help`, in their order, and each command's few words there (at most 35
# characters, so that two fit side by side at 100 columns). A command not named here is listed
# after them; tests/test_help.py checks that every command has its group.
GROUPS = {
    "Everyday": {
        "support": "Your plan, and where to find help",
        "win": "Log an effort or a win",
        "morning": "Check off your morning routine",
        "checkin": "Mood, energy and sleep, 1 to 5",
        "did": "Log a day of a practice of yours",
        "today": "Today at a glance",
        "commit": "Write or re-read your commitment",
        "rest": "Mark a planned rest day",
    },
    "Look back": {
        "streaks": "Days shown up, strength and runs",
        "reflect": "Look back on a week, month or year",
        "list": "Your entries, with filters",
        "status": "One line of numbers for a bar",
    },
    "Reaching out": {
        "setback": "Note a hard day or a setback",
        "urge": "Note an urge and what you did",
        "bring-up": "Things to bring up in therapy",
        "boost": "Songs and words that lift you",
    },
    "Your data": {
        "export": "Markdown, JSON, CSV or a web page",
        "import": "Bring in an export",
        "edit": "Change an entry",
        "delete": "Remove an entry (it can come back)",
        "undo": "Take back what you did last",
        "restore": "Bring back a removed entry",
        "doctor": "Check your journal and its files",
    },
    "Settings and encryption": {
        "config": "Show or change your settings",
        "routine": "The items of your morning routine",
        "practice": "Practices of your own",
        "greet": "A greeting for your shell",
        "shell-init": "Lines for your shell's start-up",
        "remind": "Reminders on this computer",
        "encrypt": "Encrypt your journal at rest",
        "unlock": "Unlock it for this login session",
        "lock": "Lock it again",
        "passphrase": "Change the passphrase",
        "decrypt": "Turn encryption off",
        "help": "The help of any command",
    },
}

examples_on_lines(app)
arrange(app, GROUPS)

__all__ = ["app"]
