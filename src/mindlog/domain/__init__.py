"""The domain: what mindlog knows, as pure functions of entries and days.

Entries and their JSON form, days, the journal replayed from events, runs and strength, check-ins,
urges, practices of your own, reflections, what helps, the plan, crisis help and what mindlog says.
Nothing here reads a file, draws a screen or imports anything else of mindlog.
"""
