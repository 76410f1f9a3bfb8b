"""Everything drawn with rich, and the plain lines of the fast path. The only package that imports
rich, and only inside functions.

User text always enters rich as ``Text`` made safe by ``mindlog.domain.safe.visible``: it is never
parsed as markup (titles and subtitles too are ``Text``, never strings) and never carries escape
sequences to the terminal. Rendering reads nothing from disk: it is handed what it shows.

Every view is composed for the width it gets (``base.Layout``): on a terminal, panels are at most
``MAX_WIDTH`` columns wide and below ``NARROW`` columns views stack what a wide screen puts side
by side; piped output (not a terminal) is plain lines, with no frame, no padding and no wrapping.
What is drawn reaches the stream through ``mindlog.render.out.write``, so an output encoding that
cannot show a mark or a letter gets a stand-in or an escape, never an exception.

    out.py        plain lines without rich: short replies, errors, wrapping to the terminal
    base.py       the pieces every screen is made of: layout, console, safe text, frames
    dashboard.py  the dashboard
    statement.py  the commitment statement (`commit --show`), plain lines in a frame drawn by hand
    streaks.py    streaks and reflections; practices.py, checkins.py, trend.py, helps.py: their parts
    practicelines.py  practices of your own as plain lines (`practice list`; styled in `streaks`)
    listing.py    list; support.py: the support plan (plain lines); progress.py: a progress bar
    spoken.py     the accessible mode's sentences for a calendar, a chart or a table
    pager.py      long output on a terminal through a pager (less), as git does

In the accessible mode (``out.linear()``, set once by mindlog.cli.access; docs/accessibility.md)
every view is lines read in order: no frame, bar, block, colour or mark that carries a meaning
alone, and every number said in words.
"""
