"""What helps, drawn for `mindlog reflect --month`: sentences to notice, never causes.

Rendering only: it is handed mindlog.domain.helps' sentences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mindlog.domain.helps import INTRO, NOT_YET

if TYPE_CHECKING:
    from rich.console import RenderableType


def helps_view(sentences: list[str]) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    if not sentences:
        return Group(Text("What helps, perhaps", style="bold"), Text(NOT_YET, style="dim"))
    parts = [Text("What helps, perhaps", style="bold"), Text(INTRO, style="dim")]
    from mindlog.render.out import linear

    mark = "  " if linear() else "  • "
    parts += [Text(f"{mark}{sentence}") for sentence in sentences]
    return Group(*parts)
