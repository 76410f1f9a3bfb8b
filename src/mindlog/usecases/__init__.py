"""Use cases: one job a person asks for (log a win, read the dashboard, check the journal...),
made of the domain, the store, the cache, the formats and the screens, free of Typer.
"""
