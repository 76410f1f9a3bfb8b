"""The help of every command, for the fast path: written by mindlog.cli.helpgen, not by hand."""

from mindlog.render.helpscreen import Doc

FINGERPRINT = "ca522ea4"
HELP: dict[str, Doc] = {
    "": {
        "usage": "mindlog [OPTIONS] COMMAND [ARGS]...",
        "text": "A private companion for motivation in recovery: your commitment, your morning, the "
        "rewards of your effort. Run mindlog on its own for today's view. Everything stays "
        "on this computer.\n"
        "\n"
        "Need someone now? mindlog support shows your plan and where to find crisis help.",
        "sections": [
            ("Arguments", [], False),
            (
                "Everyday",
                [
                    ("support", "Your plan, and where to find help"),
                    ("win", "Log an effort or a win"),
                    ("morning", "Check off your morning routine"),
                    ("checkin", "Mood, energy and sleep, 1 to 5"),
                    ("did", "Log a day of a practice of yours"),
                    ("today", "Today at a glance"),
                    ("commit", "Write or re-read your commitment"),
                    ("rest", "Mark a planned rest day"),
                ],
                True,
            ),
            (
                "Look back",
                [
                    ("streaks", "Days shown up, strength and runs"),
                    ("reflect", "Look back on a week, month or year"),
                    ("list", "Your entries, with filters"),
                    ("status", "One line of numbers for a bar"),
                ],
                True,
            ),
            (
                "Reaching out",
                [
                    ("setback", "Note a hard day or a setback"),
                    ("urge", "Note an urge and what you did"),
                    ("bring-up", "Things to bring up in therapy"),
                    ("boost", "Songs and words that lift you"),
                ],
                True,
            ),
            (
                "Your data",
                [
                    ("export", "Markdown, JSON, CSV or a web page"),
                    ("import", "Bring in an export"),
                    ("edit", "Change an entry"),
                    ("delete", "Remove an entry (it can come back)"),
                    ("undo", "Take back what you did last"),
                    ("restore", "Bring back a removed entry"),
                    ("doctor", "Check your journal and its files"),
                ],
                True,
            ),
            (
                "Settings and encryption",
                [
                    ("config", "Show or change your settings"),
                    ("routine", "The items of your morning routine"),
                    ("practice", "Practices of your own"),
                    ("greet", "A greeting for your shell"),
                    ("shell-init", "Lines for your shell's start-up"),
                    ("remind", "Reminders on this computer"),
                    ("encrypt", "Encrypt your journal at rest"),
                    ("unlock", "Unlock it for this login session"),
                    ("lock", "Lock it again"),
                    ("passphrase", "Change the passphrase"),
                    ("decrypt", "Turn encryption off"),
                    ("help", "The help of any command"),
                ],
                True,
            ),
            (
                "Options",
                [
                    ("-V, --version", "Show the version and exit."),
                    (
                        "--install-completion",
                        "Tab completion in your shell, from the next terminal on.",
                    ),
                    (
                        "--show-completion",
                        "Print the Tab completion script, to install it your way.",
                    ),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "support": {
        "usage": "mindlog support [OPTIONS] COMMAND [ARGS]...",
        "text": "Your own support plan, then where to find crisis help for your country.\n"
        "\n"
        "The plan has seven sections, in your words: my reasons for living (reasons); "
        "warning signs (signs); things I can do on my own (coping); people and places "
        "that help me feel better (places); people I can ask for help (people); "
        "professionals and services (professionals); making my surroundings safer "
        "(safety). It is kept in your journal, so it syncs and is backed up with it; "
        "where to find help is shown even when the journal cannot be read.\n"
        "\n"
        "--print makes the whole plan one page to print or carry (Markdown, or "
        "--format html), with where to find help for your country.\n"
        "\n"
        "Examples:\n"
        "mindlog support\n"
        "mindlog support add people\n"
        "mindlog support --edit\n"
        "mindlog support --country GB\n"
        "mindlog support --print -o plan.md\n"
        "mindlog support --print --format html -o plan.html",
        "sections": [
            ("Arguments", [], False),
            (
                "Commands",
                [
                    (
                        "add",
                        "Add to a section of your plan: reasons, signs, coping, places, "
                        "people, professionals or safety.",
                    ),
                    (
                        "remove",
                        "Remove one line from a section of your plan, by its number in "
                        "mindlog support.",
                    ),
                ],
                True,
            ),
            (
                "Options",
                [
                    (
                        "--country CC",
                        "A two-letter country code, this time only (to keep one: mindlog "
                        "config country CC).",
                    ),
                    ("--edit", "Edit the whole plan in your editor."),
                    ("--print", "The whole plan as one page to print or carry."),
                    ("-f, --format <md|html>", "With --print: md or html.  [default: md]"),
                    ("-o, --output FILE", "With --print: write to this file."),
                    ("--force", "With --print -o: replace FILE if it exists."),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "support add": {
        "usage": "mindlog support add [OPTIONS] SECTION [TEXT]",
        "text": "Add to a section of your plan: reasons, signs, coping, places, people, "
        "professionals or safety.\n"
        "\n"
        "Leave out TEXT to be asked (one line each, an empty line to finish): "
        "private words then stay out of your shell history.\n"
        "\n"
        "Examples:\n"
        "mindlog support add people\n"
        "mindlog support add reasons\n"
        "mindlog support add coping 'Walk round the block'",
        "sections": [
            (
                "Arguments",
                [
                    (
                        "SECTION",
                        "One of reasons, signs, coping, places, people, professionals or "
                        "safety.  [required]",
                    ),
                    ("TEXT", "What to add (leave out to be asked)."),
                ],
                False,
            ),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "support remove": {
        "usage": "mindlog support remove [OPTIONS] SECTION N",
        "text": "Remove one line from a section of your plan, by its number in mindlog "
        "support.\n"
        "\n"
        "Example:\n"
        "mindlog support remove people 2",
        "sections": [
            (
                "Arguments",
                [
                    (
                        "SECTION",
                        "One of reasons, signs, coping, places, people, professionals "
                        "or safety.  [required]",
                    ),
                    ("N", "The line's number, as mindlog support shows it.  [required]"),
                ],
                False,
            ),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "win": {
        "usage": "mindlog win [OPTIONS] [TEXT]",
        "text": "Log an effort or a win, and take a moment to savour it.\n"
        "\n"
        "Leave out TEXT to be asked for it: private words then stay out of your shell "
        "history. Tag it with the five factors (commitment, meaning, choice, competence, "
        "progress) or any word.\n"
        "\n"
        "Examples:\n"
        "mindlog win\n"
        "mindlog win 'Called my sister' -t meaning\n"
        "echo 'Went for a walk' | mindlog win -q",
        "sections": [
            ("Arguments", [("TEXT", "What you did (leave out to be asked).")], False),
            (
                "Options",
                [
                    ("-t, --tag TEXT", "A factor or any word (repeatable)."),
                    ("-q, --quiet", "Save without the reply."),
                    (
                        "-d, --date DAY",
                        "The day this belongs to: today, yesterday, a weekday (monday), "
                        "YYYY-MM-DD, or the last few days: 3d, 2w, 1m.",
                    ),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "morning": {
        "usage": "mindlog morning [OPTIONS]",
        "text": "Check off your morning routine, your way of setting the tone for the day.\n"
        "\n"
        "On a terminal it asks item by item (y done, n not today, Enter skips). "
        "Running it again the same day updates that day.\n"
        "\n"
        "Examples:\n"
        "mindlog morning\n"
        "mindlog morning --all\n"
        "mindlog morning --done water",
        "sections": [
            ("Arguments", [], False),
            (
                "Options",
                [
                    ("-a, --all", "Mark every item done."),
                    ("--done ITEM", "Mark one item done, by number or words (repeatable)."),
                    (
                        "-d, --date DAY",
                        "The day this belongs to: today, yesterday, a weekday (monday), "
                        "YYYY-MM-DD, or the last few days: 3d, 2w, 1m.",
                    ),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "checkin": {
        "usage": "mindlog checkin [OPTIONS] [NOTE]",
        "text": "A short check-in: mood, energy and sleep, each from 1 to 5, and a note if "
        "you like.\n"
        "\n"
        "With no values given, it asks for each on a terminal (Enter skips any), then "
        "for your own scales. Check in as often as you like: each check-in is kept "
        "with its time, and views use the day's mean.\n"
        "\n"
        "Scales of your own:  mindlog checkin scales add anxiety    ·  mindlog "
        "checkin scales    ·  mindlog checkin scales remove anxiety\n"
        "\n"
        "Examples:\n"
        "mindlog checkin\n"
        "mindlog checkin --mood 3 --sleep 2\n"
        "mindlog checkin --energy 4 'Slept better after the walk'\n"
        "mindlog checkin --scale anxiety=2",
        "sections": [
            ("Arguments", [("NOTE", "A few words about today (optional).")], False),
            (
                "Options",
                [
                    ("--mood N", "How is your mood? 1 to 5 (1 low, 5 good)."),
                    ("--energy N", "How is your energy? 1 to 5 (1 drained, 5 full of energy)."),
                    ("--sleep N", "How did you sleep? 1 to 5 (1 poorly, 5 well)."),
                    ("--scale TEXT", "A scale of your own, as NAME=N (1 to 5; repeatable)."),
                    (
                        "-d, --date DAY",
                        "The day this belongs to: today, yesterday, a weekday (monday), "
                        "YYYY-MM-DD, or the last few days: 3d, 2w, 1m.",
                    ),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "did": {
        "usage": "mindlog did [OPTIONS] NAME",
        "text": "Log a day of one of your own practices (its name or the first letters of it, any "
        "case).\n"
        "\n"
        "Examples:\n"
        "mindlog did walk\n"
        "mindlog did str --date yesterday\n"
        "mindlog did swim --note 'Twenty lengths'",
        "sections": [
            (
                "Arguments",
                [("NAME", "The practice: its name or the first letters.  [required]")],
                False,
            ),
            (
                "Options",
                [
                    (
                        "-d, --date DAY",
                        "The day this belongs to: today, yesterday, a weekday (monday), "
                        "YYYY-MM-DD, or the last few days: 3d, 2w, 1m.",
                    ),
                    ("-n, --note TEXT", "A few words, if you like."),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "today": {
        "usage": "mindlog today [OPTIONS]",
        "text": "Today at a glance: your statement, this morning's routine, today's wins, one "
        "past win.\n"
        "\n"
        "Example:\n"
        "mindlog today   (the same as plain mindlog)",
        "sections": [
            ("Arguments", [], False),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "commit": {
        "usage": "mindlog commit [OPTIONS] [TEXT]",
        "text": "Write, keep and re-read your commitment statement: why you chose recovery.\n"
        "\n"
        "With no TEXT it opens your editor on a few guiding questions (or asks them "
        "one by one).\n"
        "Every version is kept.\n"
        "\n"
        "Examples:\n"
        "mindlog commit\n"
        "mindlog commit --show\n"
        "mindlog commit --reaffirm",
        "sections": [
            (
                "Arguments",
                [("TEXT", "The statement (leave out to be asked: keeps it out of shell history).")],
                False,
            ),
            (
                "Options",
                [
                    ("--show", "Show your current statement."),
                    ("--reaffirm", "Record that you re-read it and stand by it today."),
                    (
                        "-d, --date DAY",
                        "The day this belongs to: today, yesterday, a weekday (monday), "
                        "YYYY-MM-DD, or the last few days: 3d, 2w, 1m.",
                    ),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "rest": {
        "usage": "mindlog rest [OPTIONS] [REASON]",
        "text": "Mark a planned rest day. Resting is part of recovery: no practice's run is "
        "interrupted by it.\n"
        "\n"
        "Examples:\n"
        "mindlog rest\n"
        "mindlog rest 'Visiting family' --date yesterday",
        "sections": [
            ("Arguments", [("REASON", "Why, if you like (optional).")], False),
            (
                "Options",
                [
                    (
                        "-d, --date DAY",
                        "The day this belongs to: today, yesterday, a weekday (monday), "
                        "YYYY-MM-DD, or the last few days: 3d, 2w, 1m.",
                    ),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "streaks": {
        "usage": "mindlog streaks [OPTIONS]",
        "text": "Your practices over time: days shown up, strength, runs, and a calendar of "
        "recent weeks.\n"
        "\n"
        "A day shown up is any day you wrote something in mindlog, a hard day or a "
        "rest day included. A run counts days in a row with the practice done, a rest "
        "day or a hard day; today, not yet done, keeps a run that reached yesterday.\n"
        "\n"
        "Strength is the share of your days the practice was done, counted from your "
        "first day, recent days weighing more (a day two weeks ago counts half as "
        "much as today). Every day done since you began reads 100%; five days of "
        "seven, about 70%. Rest days and hard days leave it as it was, and today "
        "counts once it is done. In the first two weeks it is said in words "
        "(building: 5 of 6 days so far), and in the first six weeks a low strength "
        "too (building: 4 of the last 14 days).\n"
        "\n"
        "Examples:\n"
        "mindlog streaks\n"
        "mindlog streaks --json",
        "sections": [
            ("Arguments", [], False),
            (
                "Options",
                [
                    ("--json", "Print the figures as JSON."),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "reflect": {
        "usage": "mindlog reflect [OPTIONS]",
        "text": "Look back: your statement, your wins by the five factors, wins from a week, "
        "a month or a year ago, and a few questions to reflect on.\n"
        "\n"
        "Examples:\n"
        "mindlog reflect\n"
        "mindlog reflect --month\n"
        "mindlog reflect --year",
        "sections": [
            ("Arguments", [], False),
            (
                "Options",
                [
                    ("--week", "The last 7 days (the default)."),
                    ("--month", "The last 30 days."),
                    ("--year", "The last 365 days."),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "list": {
        "usage": "mindlog list [OPTIONS]",
        "text": "List your entries, newest last; filters narrow it down.\n"
        "\n"
        "--kind can be given more than once (any of them); --tag too (all of them). "
        "--search looks for words in the text and tags, ignoring case. -n shows only the "
        "last few. On a terminal a long list opens in a pager (less; $MINDLOG_PAGER, "
        "mindlog config pager or $PAGER choose another). Days: today, yesterday, a "
        "weekday (monday), YYYY-MM-DD, or the last few days: 3d, 2w, 1m.\n"
        "\n"
        "Examples:\n"
        "mindlog list --since 7d\n"
        "mindlog list --kind win --tag meaning\n"
        "mindlog list --search sister --json\n"
        "mindlog list --removed",
        "sections": [
            ("Arguments", [], False),
            (
                "Options",
                [
                    (
                        "--since DAY",
                        "From this day on: today, yesterday, a weekday (monday), YYYY-MM-DD, or "
                        "the last few days: 3d, 2w, 1m.",
                    ),
                    ("--until DAY", "Up to and including this day."),
                    (
                        "-k, --kind KIND",
                        "Only this kind: win, morning, check-in, hard day, … (repeatable).",
                    ),
                    ("-t, --tag TAG", "Only entries with this tag (repeatable)."),
                    (
                        "-s, --search WORDS",
                        "Only entries containing all these words (any order, any case).",
                    ),
                    ("-n, --last N", "Only the last N entries that match.  [x>=1]"),
                    ("--json", "Print a JSON array of entries."),
                    ("--removed", "List removed entries (mindlog restore brings one back)."),
                    (
                        "--no-pager",
                        "Print straight to the terminal, never through a pager ($PAGER, less).",
                    ),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "status": {
        "usage": "mindlog status [OPTIONS]",
        "text": "One line of numbers for a status bar or a script: days shown up this week, "
        "the current run, whether the morning is done, and today's practices. None of "
        "your words.\n"
        "\n"
        "Examples:\n"
        "mindlog status\n"
        "mindlog status --format json",
        "sections": [
            ("Arguments", [], False),
            (
                "Options",
                [
                    ("-f, --format line|json", "line (the default) or json.  [default: line]"),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "setback": {
        "usage": "mindlog setback [OPTIONS] [TEXT]",
        "text": "Log a hard day or a setback. It is part of recovery: nothing you have built "
        "goes down.\n"
        "\n"
        "Leave out TEXT to be asked (a few words, or Enter to just mark the day): "
        "private words then stay out of your shell history.\n"
        "\n"
        "Examples:\n"
        "mindlog setback\n"
        "mindlog setback --date yesterday",
        "sections": [
            ("Arguments", [("TEXT", "What made it hard (leave out to be asked).")], False),
            (
                "Options",
                [
                    (
                        "-d, --date DAY",
                        "The day this belongs to: today, yesterday, a weekday (monday), "
                        "YYYY-MM-DD, or the last few days: 3d, 2w, 1m.",
                    ),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "urge": {
        "usage": "mindlog urge [OPTIONS]",
        "text": "Note an urge: what it was about, how strong (0 to 5), what you did instead, and "
        "whether it passed. One that passed is also a win for choice.\n"
        "\n"
        "With no options on a terminal it asks (Enter skips any): private words then "
        "stay out of your shell history.\n"
        "\n"
        "Examples:\n"
        "mindlog urge\n"
        "mindlog urge --strength 4 --instead 'Went for a walk' --passed",
        "sections": [
            ("Arguments", [], False),
            (
                "Options",
                [
                    ("--about TEXT", "What the urge was about."),
                    ("-s, --strength TEXT", "How strong, 0 to 5."),
                    ("-i, --instead TEXT", "What you did instead."),
                    (
                        "--passed / --acted",
                        "Whether it passed without acting on it, or you acted on it.",
                    ),
                    (
                        "-d, --date DAY",
                        "The day this belongs to: today, yesterday, a weekday (monday), "
                        "YYYY-MM-DD, or the last few days: 3d, 2w, 1m.",
                    ),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "bring-up": {
        "usage": "mindlog bring-up [OPTIONS] [TEXT]",
        "text": "Keep a note of something to bring up at your next therapy session.\n"
        "\n"
        "Leave out TEXT to be asked (or pipe it in): private words then stay out of "
        "your shell history. --list shows the notes waiting, numbered; --done N "
        "marks one as talked through (it stays in your journal). mindlog export "
        "opens with the notes still waiting.\n"
        "\n"
        "Examples:\n"
        "mindlog bring-up\n"
        "mindlog bring-up --list\n"
        "mindlog bring-up --done 1",
        "sections": [
            ("Arguments", [("TEXT", "The note (leave out to be asked).")], False),
            (
                "Options",
                [
                    ("-l, --list", "Show the notes waiting, numbered."),
                    ("--done N", "Mark note N (from --list) as talked through."),
                    (
                        "-d, --date TEXT",
                        "The day this belongs to: today, yesterday, a weekday (monday), "
                        "YYYY-MM-DD, or the last few days: 3d, 2w, 1m.",
                    ),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "boost": {
        "usage": "mindlog boost [OPTIONS] COMMAND [ARGS]...",
        "text": "Your own list of songs, podcasts and words that lift you. On its own, mindlog "
        "boost offers one, a different one each time.\n"
        "\n"
        "Examples:\n"
        "mindlog boost\n"
        "mindlog boost add 'Here Comes the Sun'\n"
        "mindlog boost list\n"
        "mindlog boost remove 2",
        "sections": [
            ("Arguments", [], False),
            (
                "Commands",
                [
                    ("list", "List your boosts, numbered."),
                    ("add", "Add a song, a podcast or a few words that lift you."),
                    ("remove", "Remove a boost by its number."),
                ],
                True,
            ),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "boost list": {
        "usage": "mindlog boost list [OPTIONS]",
        "text": "List your boosts, numbered.\n\nExample:\nmindlog boost list",
        "sections": [
            ("Arguments", [], False),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "boost add": {
        "usage": "mindlog boost add [OPTIONS] [TEXT]",
        "text": "Add a song, a podcast or a few words that lift you.\n"
        "\n"
        "Leave out TEXT to be asked for it.\n"
        "\n"
        "Examples:\n"
        "mindlog boost add 'Here Comes the Sun'\n"
        "mindlog boost add",
        "sections": [
            ("Arguments", [("TEXT", "The boost (leave out to be asked).")], False),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "boost remove": {
        "usage": "mindlog boost remove [OPTIONS] N",
        "text": "Remove a boost by its number.\n\nExample:\nmindlog boost remove 2",
        "sections": [
            ("Arguments", [("N", "The number mindlog boost list shows.  [required]")], False),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "export": {
        "usage": "mindlog export [OPTIONS]",
        "text": "Export your entries: Markdown to bring to a therapy session, JSON, or CSV.\n"
        "\n"
        "Markdown holds your statement, wins by factor, how the routine went, "
        "check-ins and every entry week by week. JSON can be imported again. Without "
        "-o it prints to the screen; -o writes a file readable only by you, and never "
        "replaces a file or a link unless you add --force (a link is then replaced by "
        "the file; what it pointed to is left alone).\n"
        "\n"
        "Exports are inert: in Markdown, HTML in your text shows as text and never "
        "loads anything; in CSV, a cell starting with = + - @ (a formula to a "
        "spreadsheet) gets a leading ' so it stays text. --raw writes CSV cells "
        "exactly as written.\n"
        "\n"
        "--format html -o FILE makes one self-contained page to print for a session, "
        "with charts of your check-ins; --with-plan adds your support plan. The export "
        "opens with your notes to bring up (mindlog bring-up).\n"
        "\n"
        "Examples:\n"
        "mindlog export --since 4w -o session.md\n"
        "mindlog export --format html --with-plan -o session.html\n"
        "mindlog export --format json -o backup.json\n"
        "mindlog export --format csv > entries.csv",
        "sections": [
            ("Arguments", [], False),
            (
                "Options",
                [
                    ("-f, --format md|json|csv|html", "md, json, csv or html.  [default: md]"),
                    (
                        "--since DAY",
                        "From this day on: today, yesterday, a weekday (monday), YYYY-MM-DD, "
                        "or the last few days: 3d, 2w, 1m.",
                    ),
                    ("--until DAY", "Up to and including this day."),
                    ("-o, --output FILE", "Write to this file (else the screen)."),
                    ("--force", "Replace FILE (or a link at FILE) if it exists."),
                    (
                        "--raw",
                        "CSV only: cells exactly as written, without the ' that keeps a "
                        "spreadsheet from reading a cell as a formula.",
                    ),
                    ("--with-plan", "With --format html: add your support plan."),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "import": {
        "usage": "mindlog import [OPTIONS] FILE",
        "text": "Bring in your history from Loop Habit Tracker, Daylio, Day One or Bearable, "
        "from jrnl, or a mindlog JSON export.\n"
        "\n"
        "Importing the same file again adds nothing, and a newer export of the same "
        "app adds only what is new. Before anything is written you see what will come "
        "in and how (--dry-run shows only that); on a terminal you are asked before it "
        "is written.\n"
        "\n"
        "Loop (its CSV export zip): habits become practices of your own, days done "
        "their days, skipped days rest days for that practice. Daylio (its CSV "
        "export): moods become check-ins (rad 5, good 4, meh 3, bad 2, awful 1; "
        "--mood-map 'ok=3' for your own labels), activities tags, notes journal "
        "entries. Day One (its JSON export zip): entries become journal entries on "
        "their own day, tags kept. Bearable (its CSV export): mood, energy and sleep "
        "become check-ins (--scale 0-10 says its rating scale), symptoms scales of "
        "your own, factors tags. From jrnl (its JSON export, made with jrnl --format "
        "json > jrnl.json, or its journal file itself): title and body become the "
        "text, tags keep their words, starred entries get the tag starred, and the "
        "date and time are kept, read as local time. They appear with the kind "
        "journal.\n"
        "\n"
        "Examples:\n"
        "mindlog import Loop-Habits.zip --dry-run\n"
        "mindlog import daylio_export.csv --mood-map 'ok=3,irritable=2'\n"
        "mindlog import jrnl.json\n"
        "jrnl --format json | mindlog import -",
        "sections": [
            (
                "Arguments",
                [("FILE", "The export to read (- reads standard input).  [required]")],
                False,
            ),
            (
                "Options",
                [
                    (
                        "--from loop|daylio|dayone|bearable|jrnl|mindlog",
                        "Where it comes from: loop, daylio, dayone, bearable, jrnl or mindlog "
                        "(found out by itself when left out).",
                    ),
                    ("--dry-run", "Show what would come in, and write nothing."),
                    (
                        "--mood-map LABEL=N,...",
                        "Daylio: the level (1-5) of your own mood labels, e.g. 'ok=3,irritable=2'.",
                    ),
                    ("--scale LOW-HIGH", "Bearable: its rating scale, e.g. 0-10 or 1-5."),
                    (
                        "--practice ACTIVITY=PRACTICE",
                        "Daylio: an activity's days are days of one of your practices "
                        "(repeatable).",
                    ),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "edit": {
        "usage": "mindlog edit [OPTIONS] ID",
        "text": "Change an entry: its text, its tags or its day. What it said before stays in "
        "your journal.\n"
        "\n"
        "ID is the id shown by mindlog list; its first few characters are enough. With "
        "no option, your editor opens on the text (or piped input is read as the new "
        "text). --tag, --untag and --date change only what they name.\n"
        "\n"
        "Examples:\n"
        "mindlog edit 3fa2\n"
        "mindlog edit 3fa2 --text 'Called my sister'\n"
        "mindlog edit 3fa2 --tag meaning --date yesterday\n"
        "mindlog edit 3fa2 --history",
        "sections": [
            ("Arguments", [("ID", "The entry's id, or its first characters.  [required]")], False),
            (
                "Options",
                [
                    ("--text TEXT", "The new text (else your editor opens)."),
                    ("-t, --tag TAG", "Add a tag (repeatable)."),
                    ("--untag TAG", "Take a tag off (repeatable)."),
                    (
                        "-d, --date DAY",
                        "Move it to this day: today, yesterday, a weekday (monday), YYYY-MM-DD, "
                        "or the last few days: 3d, 2w, 1m.",
                    ),
                    ("--history", "Show what the entry said before."),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "delete": {
        "usage": "mindlog delete [OPTIONS] ID",
        "text": "Remove an entry, after asking. It can be brought back with mindlog restore.\n"
        "\n"
        "Examples:\n"
        "mindlog delete 3fa2\n"
        "mindlog delete 3fa2 --yes",
        "sections": [
            ("Arguments", [("ID", "The entry's id, or its first characters.  [required]")], False),
            (
                "Options",
                [
                    ("-y, --yes", "Remove without asking."),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "undo": {
        "usage": "mindlog undo [OPTIONS]",
        "text": "Undo the last change you made: an entry added, changed, removed or brought "
        "back. It says what it will undo, and asks.\n"
        "\n"
        "Run it again to undo the change before. Changes made on this computer come "
        "first.\n"
        "\n"
        "Examples:\n"
        "mindlog undo\n"
        "mindlog undo --yes",
        "sections": [
            ("Arguments", [], False),
            (
                "Options",
                [
                    ("-y, --yes", "Undo without asking."),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "restore": {
        "usage": "mindlog restore [OPTIONS] ID",
        "text": "Bring back an entry you removed, as it was.\n"
        "\n"
        "Examples:\n"
        "mindlog list --removed\n"
        "mindlog restore 3fa2",
        "sections": [
            (
                "Arguments",
                [("ID", "The removed entry's id, or its first characters.  [required]")],
                False,
            ),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "doctor": {
        "usage": "mindlog doctor [OPTIONS]",
        "text": "Check your journal: entries, files, damaged lines (by file and line, never "
        "their text), permissions and format. Exits 0 when all is well, 1 when "
        "something needs a look.\n"
        "\n"
        "--repair sets damaged lines aside in journal/damaged/ (never deleting them), "
        "fixes permissions and rewrites the files cleanly. --compact forgets removed "
        "entries for good.\n"
        "\n"
        "Examples:\n"
        "mindlog doctor\n"
        "mindlog doctor --repair\n"
        "mindlog doctor --compact --yes",
        "sections": [
            ("Arguments", [], False),
            (
                "Options",
                [
                    ("--repair", "Set damage aside and fix permissions."),
                    ("--compact", "Forget removed entries for good (after asking)."),
                    ("-y, --yes", "Do not ask before compacting."),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "config": {
        "usage": "mindlog config [OPTIONS] [KEY] [VALUE]",
        "text": "Show or change your settings.\n"
        "\n"
        "With no KEY: every setting, its value and what it does. With KEY: its value. "
        "With KEY and VALUE: sets it (checked first). --unset KEY returns it to its "
        "default.\n"
        "\n"
        "Examples:\n"
        "mindlog config\n"
        "mindlog config day_starts_at 05:00\n"
        "mindlog config country GB\n"
        "mindlog config --unset editor",
        "sections": [
            ("Arguments", [("[KEY]", "A setting's name."), ("[VALUE]", "Its new value.")], False),
            (
                "Options",
                [
                    ("--unset KEY", "Return a setting to its default."),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "routine": {
        "usage": "mindlog routine [OPTIONS] COMMAND [ARGS]...",
        "text": "See or change the items of your morning routine.\n"
        "\n"
        "Examples:\n"
        "mindlog routine\n"
        "mindlog routine add 'Stretch for a minute'\n"
        "mindlog routine remove 2",
        "sections": [
            ("Arguments", [], False),
            (
                "Commands",
                [
                    ("list", "List the items of your routine."),
                    ("add", "Add an item to the end of your routine."),
                    ("remove", "Remove an item, by its number or its words."),
                ],
                True,
            ),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "routine list": {
        "usage": "mindlog routine list [OPTIONS]",
        "text": "List the items of your routine.",
        "sections": [
            ("Arguments", [], False),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "routine add": {
        "usage": "mindlog routine add [OPTIONS] TEXT",
        "text": "Add an item to the end of your routine.",
        "sections": [
            ("Arguments", [("TEXT", "The new item.  [required]")], False),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "routine remove": {
        "usage": "mindlog routine remove [OPTIONS] ITEM",
        "text": "Remove an item, by its number or its words.",
        "sections": [
            ("Arguments", [("ITEM", "The item's number or words.  [required]")], False),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "practice": {
        "usage": "mindlog practice [OPTIONS] COMMAND [ARGS]...",
        "text": "Practices of your own, beside morning, wins and commitment: a walk, "
        "stretching, taking your medication. Each can be every day or a few days a "
        "week.\n"
        "\n"
        "Examples:\n"
        "mindlog practice add walk --per-week 3\n"
        "mindlog practice list\n"
        "mindlog practice rename walk 'evening walk'\n"
        "mindlog did walk",
        "sections": [
            ("Arguments", [], False),
            (
                "Commands",
                [
                    (
                        "add",
                        "Add a practice of your own. With --per-week N it counts weeks that "
                        "reached N days.",
                    ),
                    ("list", "Your practices with their target, days shown up, strength and run."),
                    (
                        "remove",
                        "Stop following a practice. The days you logged stay in your "
                        "journal, and mindlog restore brings the practice back.",
                    ),
                    (
                        "rename",
                        "Give a practice a new name; every day already logged stays with it. "
                        "--per-week changes how many days a week it asks for.",
                    ),
                ],
                True,
            ),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "practice add": {
        "usage": "mindlog practice add [OPTIONS] NAME",
        "text": "Add a practice of your own. With --per-week N it counts weeks that "
        "reached N days.\n"
        "\n"
        "Examples:\n"
        "mindlog practice add stretch\n"
        "mindlog practice add swim --per-week 2",
        "sections": [
            ("Arguments", [("NAME", "A short name, like walk or stretch.  [required]")], False),
            (
                "Options",
                [
                    (
                        "-w, --per-week N",
                        "How many days a week, 1 to 7 (7, the default, is every day).  [x<=None]",
                    ),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "practice list": {
        "usage": "mindlog practice list [OPTIONS]",
        "text": "Your practices with their target, days shown up, strength and run.\n"
        "\n"
        "Examples:\n"
        "mindlog practice list\n"
        "mindlog practice list --json",
        "sections": [
            ("Arguments", [], False),
            (
                "Options",
                [("--json", "Print them as JSON."), ("-h, --help", "Show this message and exit.")],
                False,
            ),
        ],
    },
    "practice remove": {
        "usage": "mindlog practice remove [OPTIONS] NAME",
        "text": "Stop following a practice. The days you logged stay in your journal, "
        "and mindlog restore brings the practice back.\n"
        "\n"
        "Example:\n"
        "mindlog practice remove walk",
        "sections": [
            ("Arguments", [("NAME", "Its name, or the first letters of it.  [required]")], False),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "practice rename": {
        "usage": "mindlog practice rename [OPTIONS] OLD NEW",
        "text": "Give a practice a new name; every day already logged stays with it. "
        "--per-week changes how many days a week it asks for.\n"
        "\n"
        "Examples:\n"
        "mindlog practice rename walk 'evening walk'\n"
        "mindlog practice rename walk walk --per-week 4",
        "sections": [
            (
                "Arguments",
                [
                    ("OLD", "Its name now, or the first letters of it.  [required]"),
                    ("NEW", "The new name.  [required]"),
                ],
                False,
            ),
            (
                "Options",
                [
                    (
                        "-w, --per-week N",
                        "How many days a week, 1 to 7 (7, the default, is every day).  [x<=None]",
                    ),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "greet": {
        "usage": "mindlog greet [OPTIONS]",
        "text": "A short greeting for your shell's start-up: a line of your why, your practices "
        "at a glance, and a past win or a word of encouragement. Always exits 0.\n"
        "\n"
        "Examples:\n"
        "mindlog greet\n"
        "mindlog greet --once   (only the first time each day)",
        "sections": [
            ("Arguments", [], False),
            (
                "Options",
                [
                    (
                        "--once",
                        "Greet only on the first call of the day; later calls print nothing.",
                    ),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "shell-init": {
        "usage": "mindlog shell-init [OPTIONS] SHELL",
        "text": "Print the lines for your shell's start-up file: they greet you once a "
        "day, only in an interactive terminal, and do nothing if mindlog is "
        "uninstalled.\n"
        "\n"
        "Examples:\n"
        'eval "$(mindlog shell-init bash)"   (in ~/.bashrc)\n'
        "mindlog shell-init fish --alias ml | source",
        "sections": [
            ("Arguments", [("SHELL", "Your shell: bash, zsh or fish.  [required]")], False),
            (
                "Options",
                [
                    ("--alias NAME", "Also define a short alias for mindlog, such as ml."),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "remind": {
        "usage": "mindlog remind [OPTIONS] COMMAND [ARGS]...",
        "text": "Reminders on this computer, through a systemd user timer (or crontab where "
        "there is none): silent once the practice is done today, on a rest day, and in "
        "quiet hours (mindlog config quiet_hours 22:00-08:00). A reminder shows one "
        "neutral line, never your words.\n"
        "\n"
        "Examples:\n"
        "mindlog remind add morning 08:30\n"
        "mindlog remind add walk 18:00 --days mon-fri\n"
        "mindlog remind list\n"
        "mindlog remind remove walk",
        "sections": [
            ("Arguments", [], False),
            (
                "Commands",
                [
                    (
                        "add",
                        "Add a reminder for your morning routine (morning), a win (win), a "
                        "check-in (checkin) or a practice of yours (its name). mindlog shows "
                        "what it will install and asks first (--yes: without asking, for "
                        "scripts). Adding one again for the same thing replaces it.",
                    ),
                    ("list", "The reminders set on this computer."),
                    (
                        "remove",
                        "Take a reminder away: exactly what mindlog remind add installed (the "
                        "timer's two files, or its one crontab line).",
                    ),
                ],
                True,
            ),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "remind add": {
        "usage": "mindlog remind add [OPTIONS] FOR HH:MM",
        "text": "Add a reminder for your morning routine (morning), a win (win), a "
        "check-in (checkin) or a practice of yours (its name). mindlog shows what "
        "it will install and asks first (--yes: without asking, for scripts). "
        "Adding one again for the same thing replaces it.\n"
        "\n"
        "Examples:\n"
        "mindlog remind add morning 08:30\n"
        "mindlog remind add walk 18:00 --days mon-fri\n"
        "mindlog remind add checkin 21:00 --yes",
        "sections": [
            (
                "Arguments",
                [
                    (
                        "FOR",
                        "morning, win, checkin, or the name of a practice of yours.  [required]",
                    ),
                    ("HH:MM", "The time of day.  [required]"),
                ],
                False,
            ),
            (
                "Options",
                [
                    (
                        "--days DAYS",
                        "Which days: mon-fri, sat-sun, mon,wed,fri (every day when left out).",
                    ),
                    ("-y, --yes", "Install it without asking."),
                    ("--cron", "Use a crontab line even where systemd could run a timer."),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "remind list": {
        "usage": "mindlog remind list [OPTIONS]",
        "text": "The reminders set on this computer.\n\nExample:\nmindlog remind list",
        "sections": [
            ("Arguments", [], False),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "remind remove": {
        "usage": "mindlog remind remove [OPTIONS] FOR",
        "text": "Take a reminder away: exactly what mindlog remind add installed (the "
        "timer's two files, or its one crontab line).\n"
        "\n"
        "Examples:\n"
        "mindlog remind remove morning\n"
        "mindlog remind remove walk",
        "sections": [
            (
                "Arguments",
                [("FOR", "What the reminder is for, as remind list shows it.  [required]")],
                False,
            ),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "encrypt": {
        "usage": "mindlog encrypt [OPTIONS]",
        "text": "Encrypt your journal at rest: the lines on this computer, your boosts and "
        "routine, and every line written from now on; your support plan too with "
        "--plan-sealed (by default it stays readable, so that mindlog support works "
        "while the journal is locked). Asks for a new passphrase twice (in scripts, "
        "from the file MINDLOG_PASSPHRASE_FILE names) and shows a recovery key once, "
        "to keep on paper. Lines in files of devices that are gone (asked for each, "
        "or all with --adopt-all) are copied into this computer's file, sealed.\n"
        "\n"
        "Examples:\n"
        "mindlog encrypt\n"
        "mindlog encrypt --adopt-all\n"
        "mindlog encrypt --plan-sealed",
        "sections": [
            ("Arguments", [], False),
            (
                "Options",
                [
                    (
                        "--adopt-all",
                        "Every other device that left lines in plain text is gone: copy its "
                        "lines here, sealed, and remove its file once they are safe.",
                    ),
                    (
                        "--plan-readable / --plan-sealed",
                        "Keep your support plan (and crisis country) readable without the "
                        "passphrase, so that mindlog support works locked (the default, and "
                        "asked on a terminal), or seal it like the rest. Run again to change "
                        "it.",
                    ),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "unlock": {
        "usage": "mindlog unlock [OPTIONS]",
        "text": "Unlock your encrypted journal for this login session (unlock_minutes, 720 "
        "unless set), so that reading does not ask again. The key is kept in "
        "memory-backed storage of your own ($XDG_RUNTIME_DIR), never in the journal's "
        "folder.\n"
        "\n"
        "Examples:\n"
        "mindlog unlock\n"
        "mindlog unlock --recovery",
        "sections": [
            ("Arguments", [], False),
            (
                "Options",
                [
                    ("--recovery", "Use the recovery key instead of the passphrase."),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "lock": {
        "usage": "mindlog lock [OPTIONS]",
        "text": "Lock your encrypted journal again on this computer: reading asks for the "
        "passphrase; writing still works.\n"
        "\n"
        "Example:\n"
        "mindlog lock",
        "sections": [
            ("Arguments", [], False),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "passphrase": {
        "usage": "mindlog passphrase [OPTIONS]",
        "text": "Change the passphrase of your encrypted journal, without rewriting it. "
        "Asks for the current one (or the recovery key with --recovery), then the "
        "new one twice.\n"
        "\n"
        "Examples:\n"
        "mindlog passphrase\n"
        "mindlog passphrase --recovery",
        "sections": [
            ("Arguments", [], False),
            (
                "Options",
                [
                    ("--recovery", "Prove it with the recovery key instead."),
                    (
                        "--new-passphrase-file TEXT",
                        "Read the new passphrase from this file (for scripts).",
                    ),
                    ("-h, --help", "Show this message and exit."),
                ],
                False,
            ),
        ],
    },
    "decrypt": {
        "usage": "mindlog decrypt [OPTIONS]",
        "text": "Turn encryption off: this computer's lines, support plan, boosts and routine "
        "are written in plain text again, and new lines are not sealed. Run it on "
        "each of your devices.\n"
        "\n"
        "Example:\n"
        "mindlog decrypt",
        "sections": [
            ("Arguments", [], False),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
    "help": {
        "usage": "mindlog help [OPTIONS] [COMMAND]",
        "text": "Show the help of mindlog, or of one of its commands (the same as --help). "
        "mindlog help accessibility tells of the linear mode for screen readers.\n"
        "\n"
        "Examples:\n"
        "mindlog help\n"
        "mindlog help win\n"
        "mindlog help accessibility",
        "sections": [
            ("Arguments", [("[COMMAND]", "A command's name.")], False),
            ("Options", [("-h, --help", "Show this message and exit.")], False),
        ],
    },
}
