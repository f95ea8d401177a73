"""Where newsbeam keeps what it can rebuild: downloads, local nodes, unpacked models.

Its own module, free of the configuration's imports (pydantic, YAML), so that `newsbeam extract`
can find its caches without paying for them.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """Where downloads and local nodes live: `$NEWSBEAM_CACHE_DIR`, else the XDG cache folder."""
    if os.environ.get("NEWSBEAM_CACHE_DIR"):
        return Path(os.environ["NEWSBEAM_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsbeam"
