"""Which pager long output goes through on a terminal (mindlog.render.pager runs it).

As git chooses: ``$MINDLOG_PAGER``, then the ``pager`` setting (``mindlog config pager ...``),
then ``$PAGER``, then ``less -FRX``; the first that is set is used. An empty one, ``cat`` or the
setting ``off`` means no pager, and so does ``--no-pager``. A dumb terminal (``TERM=dumb``, as in
an editor's shell) gets no pager unless one is named.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from mindlog.store.config import NO_PAGER

if TYPE_CHECKING:
    from mindlog.store.config import Config

DEFAULT = "less -FRX"  # as git: leaves at once when it all fits, keeps colours and the screen


def pager_command(config: Config, paging: bool = True) -> str | None:
    """The pager command to use; None for none (``paging`` False: ``--no-pager``)."""
    if not paging:
        return None
    for told in (os.environ.get("MINDLOG_PAGER"), config.get("pager"), os.environ.get("PAGER")):
        if told is not None:
            told = str(told).strip()
            return None if told in ("", "cat", NO_PAGER) else told
    return None if os.environ.get("TERM") == "dumb" else DEFAULT
