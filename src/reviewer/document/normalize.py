"""Character normalization that keeps offsets: every code point maps to exactly one code point.

Full-width digits, letters and signs (１２．３％, ＜＝, （）) become ASCII so one regex sees them;
comparator look-alikes (≧ ≦ ⩾ ⩽ ═) become ≥ ≤ =; the traditional money multipliers 萬 億
become 万 亿;
Chinese punctuation that carries meaning (，。；：、) is kept. Because the mapping is one to one,
an offset into the normalized text is the same offset into the decoded original.
"""

from __future__ import annotations

_EXTRA = {
    "\u3000": " ",  # ideographic space
    "\u00a0": " ",  # no-break space
    "\u2002": " ",
    "\u2003": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u2212": "-",  # minus sign
    "\u2014": "\u2014",  # keep em dash (used as 'value' separator in indicator lines)
    "\u2264": "\u2264",  # ≤ stays
    "\u2265": "\u2265",  # ≥ stays
    # Comparator look-alikes that reports (and the forms' symbol pickers) use: one spelling each,
    # so every check reads "≥ 100" whether the form wrote ≧, ⩾ or ≥ (＝ is in the full-width block).
    "\u2267": "\u2265",  # ≧ -> ≥
    "\u2a7e": "\u2265",  # ⩾ -> ≥
    "\u2266": "\u2264",  # ≦ -> ≤
    "\u2a7d": "\u2264",  # ⩽ -> ≤
    "\u2550": "=",  # ═ (box-drawing double bar, picked for "=" in some forms)
    "\u00d7": "\u00d7",
    "\u201c": '"',
    "\u201d": '"',
    "\u2018": "'",
    "\u2019": "'",
    # Money multipliers in traditional characters (mirrors of a report in 繁體): 萬元 reads as 万元.
    "\u842c": "\u4e07",  # 萬 -> 万
    "\u5104": "\u4ebf",  # 億 -> 亿
    "\u3010": "[",  # 【
    "\u3011": "]",  # 】
}


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Full-width ASCII block U+FF01..U+FF5E maps to U+0021..U+007E, except the punctuation that
    # Chinese prose uses as clause and list separators, which keeps its own meaning.
    keep = set("，：；！？")
    for cp in range(0xFF01, 0xFF5F):
        ch = chr(cp)
        if ch in keep:
            continue
        table[cp] = chr(cp - 0xFEE0)
    for src, dst in _EXTRA.items():
        table[ord(src)] = dst
    return table


_TABLE = _build_table()


def normalize(text: str) -> str:
    """Return `text` with full-width forms folded to ASCII; same length as `text`."""
    out = text.translate(_TABLE)
    assert len(out) == len(text)
    return out
