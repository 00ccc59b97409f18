"""Reading a report the way a person receives it (issue 16): the PDF's text (pdftotext),
its pages as pictures (pdftoppm), its fonts (pdffonts) and whether every Chinese character
has a glyph in the CJK font it embeds (fontTools over Debian's Noto Sans CJK) — no tofu.
The poppler tools come from Debian's poppler-utils (scripts/debian-tools.sh)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTCollection

RESIDENT_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
"""A full 18-digit resident ID: never in a report, a page or a CSV."""
NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def poppler(*args: str) -> str:
    done = subprocess.run(list(args), capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"{args[0]} failed: {done.stderr[-1000:]}"
    return done.stdout


def text_of(pdf: Path) -> str:
    """The PDF's text, laid out as on the page (a table's row stays one line)."""
    return poppler("pdftotext", "-layout", str(pdf), "-")


def pages_of(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", poppler("pdfinfo", str(pdf)), re.M).group(1))  # type: ignore[union-attr]


def rendered(pdf: Path, folder: Path) -> list[Path]:
    """Every page drawn to PNG at 50 dpi; pdftoppm's complaints (a missing font) fail."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(folder / "page")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr[-1000:]
    return sorted(folder.glob("page*.png"))


@dataclass(frozen=True)
class Font:
    name: str
    type: str
    embedded: bool


def fonts_of(pdf: Path) -> list[Font]:
    """pdffonts' table: every font the PDF uses, and whether it is embedded."""
    lines = poppler("pdffonts", str(pdf)).splitlines()[2:]
    found = []
    for line in lines:
        parts = line.split()
        # name, type words…, encoding, emb, sub, uni, object, id
        found.append(Font(parts[0], " ".join(parts[1:-6]), parts[-5] == "yes"))
    return found


@cache
def cjk_cmap() -> frozenset[int]:
    """The code points Noto Sans CJK SC (the collection's SC face) draws."""
    collection = TTCollection(str(NOTO_CJK), lazy=True)
    face = next(f for f in collection.fonts
                if "SC" in f["name"].getDebugName(1))  # type: ignore[operator]
    return frozenset(face.getBestCmap())


def chinese(text: str) -> set[str]:
    """The CJK characters (ideographs and full-width punctuation) of a text."""
    return {ch for ch in text if ord(ch) >= 0x2E80}


def missing_glyphs(text: str) -> set[str]:
    """The text's Chinese characters the embedded CJK font has no glyph for."""
    return {ch for ch in chinese(text) if ord(ch) not in cjk_cmap()}
