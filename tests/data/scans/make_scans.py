"""Make the scanned-report fixtures: a report's text rendered to image-only PDF pages.

Usage (from the repository root; needs Pillow and numpy, and a CJK font from Debian:
`apt-get install fonts-wqy-microhei`):

    python tests/data/scans/make_scans.py

For each source text `tests/data/scans/<name>.txt` it writes

* `<name>.scan.pdf`: the pages as a clean grayscale scan at 200 dpi (no text layer);
* `<name>.noisy.pdf`: the same pages in colour with a slight rotation, speckle noise, a soft
  blur, JPEG compression, and a red round stamp over one figure (`STAMP_OVER`);

and for the sources in `PNG_OF`, `<name>.scan.png`, the first clean page alone (for the
image-input path). The source text is
laid out like a printed report: a centred title, paragraphs with a two-character indent wrapped
at the page width (so the OCR has to undo the wrapping), headings flush left, the signature
right-aligned, and `| a | b |` lines drawn as a ruled table (a cell longer than eight
characters wraps inside its row). Rendering is deterministic (fixed
random seed), so running the script again gives the same files.
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
FONTS = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
]
DPI = 200
PAGE_W, PAGE_H = 1654, 2339  # A4 at 200 dpi
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 190, 200, 200
BODY_PX, TITLE_PX = 30, 40  # about 10.8 pt and 14.4 pt
LINE_H = 50
ROW_H = 58
CELL_LINE = 38  # line pitch inside a table cell
CELL_CHARS = 8  # a longer cell wraps
# The figure each source's noisy scan has a stamp over: (source name, text ending in the figure).
# The sources whose first clean page is also written as a PNG (the image-input path).
PNG_OF = {"planted-2024"}
STAMP_OVER = {"planted-2024": "决算支出合计860.00", "zhengjiayi-2024-part": "实有编制人数72"}


def _font(size: int) -> ImageFont.FreeTypeFont:
    for path in FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    sys.exit("no CJK font found: apt-get install fonts-wqy-microhei")


class Layout:
    """Draws text onto A4 pages and remembers where each line's characters went."""

    def __init__(self) -> None:
        self.body = _font(BODY_PX)
        self.title = _font(TITLE_PX)
        self.pages: list[Image.Image] = []
        self.placed: list[tuple[int, str, list[float], int]] = []  # page, text, char xs, y
        self._new_page()

    def _new_page(self) -> None:
        self.page = Image.new("L", (PAGE_W, PAGE_H), 255)
        self.draw = ImageDraw.Draw(self.page)
        self.pages.append(self.page)
        self.y = MARGIN_TOP

    def _room(self, height: int) -> None:
        if self.y + height > PAGE_H - MARGIN_BOTTOM:
            self._new_page()

    def _put(self, x: float, text: str, font: ImageFont.FreeTypeFont) -> None:
        xs = []
        for ch in text:
            xs.append(x)
            x += font.getlength(ch)
        self.draw.text((xs[0] if xs else x, self.y), text, font=font, fill=0)
        self.placed.append((len(self.pages) - 1, text, xs, self.y))

    def title_line(self, text: str) -> None:
        self._room(LINE_H * 2)
        width = self.title.getlength(text)
        self._put((PAGE_W - width) / 2, text, self.title)
        self.y += LINE_H * 2

    def centred(self, text: str, keep: int = 0) -> None:
        """A centred line, on the same page as the `keep` pixels that follow it."""
        self._room(LINE_H + keep)
        self._put((PAGE_W - self.body.getlength(text)) / 2, text, self.body)
        self.y += LINE_H

    def right(self, text: str) -> None:
        self._room(LINE_H)
        self._put(PAGE_W - MARGIN_X - self.body.getlength(text), text, self.body)
        self.y += LINE_H

    def paragraph(self, text: str, indent: bool) -> None:
        width = PAGE_W - 2 * MARGIN_X
        first = BODY_PX * 2 if indent else 0
        line, used, offset = "", first, first
        for ch in text:
            w = self.body.getlength(ch)
            if used + w > width and line:
                self._room(LINE_H)
                self._put(MARGIN_X + offset, line, self.body)
                self.y += LINE_H
                line, used, offset = "", 0, 0
            line += ch
            used += w
        if line:
            self._room(LINE_H)
            self._put(MARGIN_X + offset, line, self.body)
            self.y += LINE_H

    def gap(self) -> None:
        self.y += LINE_H // 2

    def table(self, rows: list[list[str]]) -> None:
        """A ruled table; a cell longer than `CELL_CHARS` wraps onto more lines, its row grows
        and the row's other cells stay centred on it."""
        ncol = max(len(r) for r in rows)
        wrapped = [
            [[cell[k : k + CELL_CHARS] for k in range(0, len(cell), CELL_CHARS)] or [""]
             for cell in row]
            for row in rows
        ]  # fmt: skip
        widths = [
            max(self.body.getlength(ln) for r in wrapped if c < len(r) for ln in r[c]) + 60
            for c in range(ncol)
        ]
        scale = (PAGE_W - 2 * MARGIN_X) / sum(widths)
        widths = [w * scale for w in widths]
        heights = [max(ROW_H, max(len(c) for c in r) * CELL_LINE + 22) for r in wrapped]
        self._room(sum(heights))
        top = self.y
        for row, height in zip(wrapped, heights, strict=True):
            x = MARGIN_X
            for c, cell in enumerate(row):
                y = self.y + (height - len(cell) * CELL_LINE) / 2 + (CELL_LINE - BODY_PX) / 2 - 2
                for text in cell:
                    cw = self.body.getlength(text)
                    cx = x + 20 if c == 0 else x + (widths[c] - cw) / 2
                    saved, self.y = self.y, int(y)
                    self._put(cx, text, self.body)
                    self.y = saved
                    y += CELL_LINE
                x += widths[c]
            self.y += height
        xs = [MARGIN_X + sum(widths[:i]) for i in range(ncol + 1)]
        ys = [top + sum(heights[:i]) for i in range(len(rows) + 1)]
        for y in ys:
            self.draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=2)
        for x in xs:
            self.draw.line([(x, top), (x, ys[-1])], fill=0, width=2)
        self.y += LINE_H // 2


def lay_out(text: str) -> Layout:
    """The report's pages: title, headings, paragraphs, tables and signature lines."""
    layout = Layout()
    lines = text.splitlines()
    body_end = len(lines)
    while body_end and not lines[body_end - 1].strip():
        body_end -= 1
    last = lines[body_end - 1].strip() if body_end else ""
    dated = len(last) < 20 and "年" in last and last.endswith("日")
    signature_from = body_end - 2 if dated else body_end  # the unit's name and the date
    i = 0
    first = True
    while i < body_end:
        line = lines[i].strip()
        if not line:
            layout.gap()
        elif first:
            layout.title_line(line)
            first = False
        elif line.startswith("|"):
            rows = []
            while i < body_end and lines[i].strip().startswith("|"):
                rows.append([c.strip() for c in lines[i].strip().strip("|").split("|")])
                i += 1
            layout.table(rows)
            continue
        elif i >= signature_from:
            layout.right(line)
        elif line.startswith("表") and i + 1 < body_end and lines[i + 1].startswith("|"):
            rows = 0
            while i + 1 + rows < body_end and lines[i + 1 + rows].startswith("|"):
                rows += 1
            layout.centred(line, keep=ROW_H * rows)
        else:
            heading = line[:1] in "一二三四五六七八九十（" or line[:2].rstrip(".").isdigit()
            layout.paragraph(line, indent=not heading)
        i += 1
    return layout


def stamp(page: Image.Image, centre: tuple[float, float], rng: random.Random) -> Image.Image:
    """A red round seal (ring, star, unit name along the arc) blended over an RGB page."""
    r = 120
    seal = Image.new("L", page.size, 0)
    d = ImageDraw.Draw(seal)
    cx, cy = centre
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=255, width=9)
    star = []
    for k in range(10):
        radius = 38 if k % 2 == 0 else 15
        a = -math.pi / 2 + k * math.pi / 5
        star.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    d.polygon(star, fill=255)
    font = _font(30)
    name = "县农业农村局专用章"
    for k, ch in enumerate(name):
        a = math.radians(-150 + k * 120 / (len(name) - 1))
        glyph = Image.new("L", (40, 40), 0)
        ImageDraw.Draw(glyph).text((5, 2), ch, font=font, fill=255)
        glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.Resampling.BICUBIC)
        gx = cx + (r - 35) * math.cos(a) - 20
        gy = cy + (r - 35) * math.sin(a) - 20
        seal.paste(glyph, (int(gx), int(gy)), glyph)
    alpha = np.asarray(seal, dtype=np.float32) / 255 * 0.8
    rgb = np.asarray(page.convert("RGB"), dtype=np.float32)
    red = np.array([205, 35, 40], dtype=np.float32)
    blended = rgb * (1 - alpha[..., None]) + np.minimum(rgb, red) * alpha[..., None]
    return Image.fromarray(blended.astype(np.uint8), "RGB")


def degrade(page: Image.Image, rng: random.Random) -> Image.Image:
    """A page as a cheap office scanner gives it: rotated, speckled and a little blurred."""
    angle = rng.uniform(0.5, 0.9) * rng.choice([-1, 1])
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    arr = np.asarray(page, dtype=np.int16)
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    arr = arr + nrng.normal(0, 7, arr.shape[:2])[..., None].astype(np.int16)
    specks = nrng.random(arr.shape[:2]) < 0.0008
    arr[specks] = 40
    arr = arr - 12  # a grey cast from the scanner's lid
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")


def stamp_centre(layout: Layout, target: str) -> tuple[int, tuple[float, float]]:
    """Page and centre of the figure that ends `target` where it was drawn."""
    font = layout.body
    for page, text, xs, y in layout.placed:
        at = text.find(target)
        if at < 0:
            continue
        end = at + len(target)
        start = end
        while start > at and (text[start - 1].isdigit() or text[start - 1] == "."):
            start -= 1
        x0 = xs[start]
        x1 = xs[end - 1] + font.getlength(text[end - 1])
        return page, ((x0 + x1) / 2, y + BODY_PX / 2)
    raise SystemExit(f"stamp target not found: {target}")


def save_pdf(pages: list[Image.Image], path: Path, quality: int) -> None:
    first, *rest = pages
    kwargs: dict[str, Any] = {"resolution": DPI, "save_all": True, "quality": quality}
    first.save(path, "PDF", append_images=rest, **kwargs)


def make(source: Path) -> None:
    name = source.name.removesuffix(".txt")
    layout = lay_out(source.read_text(encoding="utf-8"))
    clean = layout.pages
    save_pdf(clean, HERE / f"{name}.scan.pdf", quality=40)
    outputs = [("scan.pdf", len(clean)), ("noisy.pdf", len(clean))]
    if name in PNG_OF:
        clean[0].save(HERE / f"{name}.scan.png", optimize=True)
        outputs.append(("scan.png", 1))
    rng = random.Random(f"scan:{name}")
    pages = [p.convert("RGB") for p in clean]
    if name in STAMP_OVER:
        index, centre = stamp_centre(layout, STAMP_OVER[name])
        pages[index] = stamp(pages[index], centre, rng)
    save_pdf([degrade(p, rng) for p in pages], HERE / f"{name}.noisy.pdf", quality=30)
    for suffix, count in outputs:
        out = HERE / f"{name}.{suffix}"
        print(f"{out.relative_to(HERE)}: {count} pages, {out.stat().st_size // 1024} KB")


def main() -> None:
    for source in sorted(HERE.glob("*.txt")):
        make(source)


if __name__ == "__main__":
    main()
