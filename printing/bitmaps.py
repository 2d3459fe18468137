"""1-bit images (1 = ink) of 2D symbols and pictures, sized in printer dots."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from PIL import Image

from models.errors import NotFound


def matrix_bitmap(rows: tuple[tuple[bool, ...], ...], module: int) -> Image.Image:
    """The symbol's modules, each `module` dots square (no quiet zone)."""
    size = len(rows[0])
    small = Image.new("1", (size, len(rows)), 0)
    small.putdata([1 if dark else 0 for row in rows for dark in row])
    return small.resize((size * module, len(rows) * module), Image.Resampling.NEAREST)


def image_path(source: str) -> Path:
    """A picture of resources/labels/images/ by file name."""
    path = Path(str(resources.files("resources") / "labels" / "images" / source))
    if not path.is_file():
        raise NotFound(f"Label picture '{source}' is not in resources/labels/images/.")
    return path


@lru_cache(maxsize=64)
def picture_bitmap(source: str, width: int, height: int) -> Image.Image:
    """The picture scaled into width x height dots (aspect kept), dithered to ink/no ink."""
    with Image.open(image_path(source)) as original:
        picture = original.convert("RGBA")
    white = Image.new("RGBA", picture.size, (255, 255, 255, 255))
    picture = Image.alpha_composite(white, picture).convert("L")
    picture.thumbnail((max(1, width), max(1, height)), Image.Resampling.LANCZOS)
    # Floyd-Steinberg gives 1 for light pixels; invert so 1 means ink.
    return picture.point(lambda v: 255 - v).convert("1")
