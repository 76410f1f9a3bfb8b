"""mindlog: a private terminal companion for motivation in mental-health recovery."""

__version__ = "0.3.1"
