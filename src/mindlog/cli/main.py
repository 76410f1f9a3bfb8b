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
from mindlog.cli import doctor  # noqa: F401
from mindlog.cli import crypt  # noqa: F401
from mindlog.cli import help  # noqa: F401
from mindlog.cli.app import app, examples_on_lines

examples_on_lines(app)

__all__ = ["app"]
