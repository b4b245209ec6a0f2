"""Where the real ESCO export is, when this machine has it (tests use it when present)."""

from __future__ import annotations

import os
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
CANDIDATES = [
    os.environ.get("ESCO_DIR", ""),
    str(REPOSITORY.parent / "shared" / "data" / "esco"),
    "/work/shared/data/esco",
]


def esco_export_dir() -> Path:
    """The first folder holding an ESCO export, else the (missing) default."""
    for candidate in filter(None, CANDIDATES):
        path = Path(candidate)
        if (path / "skills_fr.csv").is_file():
            return path
    return Path(CANDIDATES[-1])
