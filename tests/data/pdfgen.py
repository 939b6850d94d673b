"""Write tiny PDFs by hand for the loader tests (no PDF-writing library is a dependency).

Text uses a Type0 font with Identity-H encoding whose code for a character is its Unicode code
point, plus a ToUnicode map, so pdfminer extracts Chinese exactly. A table is drawn as a ruled
grid with one text item per cell, which pdfplumber's default table finder detects. `password`
encrypts the file with the standard RC4 40-bit handler so it cannot be opened without it.
"""

from __future__ import annotations

import hashlib

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _hex(text: str) -> str:
    return "<" + "".join(f"{ord(ch):04X}" for ch in text) + ">"


def make_pdf(
    lines: list[str] = (),  # type: ignore[assignment]
    table: list[list[str]] | None = None,
    after: list[str] = (),  # type: ignore[assignment]
    *,
    password: str | None = None,
    draw_only: bool = False,
) -> bytes:
    """A one-page PDF: `lines` of text, then `table` as a ruled grid, then `after` lines."""
    ops: list[str] = []
    chars: set[str] = set()
    y = 800.0

    def text_at(x: float, yy: float, s: str) -> None:
        chars.update(s)
        ops.append(f"BT /F1 12 Tf {x:.1f} {yy:.1f} Td {_hex(s)} Tj ET")

    if draw_only:
        ops.append("0.5 w 50 700 200 50 re S")
    for s in lines:
        text_at(50, y, s)
        y -= 20
    if table:
        y -= 10
        ncols = max(len(r) for r in table)
        col_w, row_h = 110.0, 20.0
        top = y + 15
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                if cell:
                    text_at(55 + c * col_w, top - (r + 1) * row_h + 6, cell)
        bottom = top - len(table) * row_h
        for r in range(len(table) + 1):
            yy = top - r * row_h
            ops.append(f"50 {yy:.1f} m {50 + ncols * col_w:.1f} {yy:.1f} l S")
        for c in range(ncols + 1):
            xx = 50 + c * col_w
            ops.append(f"{xx:.1f} {top:.1f} m {xx:.1f} {bottom:.1f} l S")
        y = bottom - 25
    for s in after:
        text_at(50, y, s)
        y -= 20
    content = "\n".join(ops).encode("ascii")

    cmap_lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    ordered = sorted(chars)
    for i in range(0, len(ordered), 100):
        chunk = ordered[i : i + 100]
        cmap_lines.append(f"{len(chunk)} beginbfchar")
        cmap_lines += [f"<{ord(ch):04X}> <{ord(ch):04X}>" for ch in chunk]
        cmap_lines.append("endbfchar")
    cmap_lines.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    cmap = "\n".join(cmap_lines).encode("ascii")

    file_id = hashlib.md5(content).digest()
    key = b""
    enc_entries = ""
    if password is not None:
        owner = (b"owner-" + password.encode("latin-1") + _PAD)[:32]
        o_key = hashlib.md5(owner).digest()[:5]
        user = (password.encode("latin-1") + _PAD)[:32]
        o_value = _rc4(o_key, user)
        perms = (-4).to_bytes(4, "little", signed=True)
        key = hashlib.md5(user + o_value + perms + file_id).digest()[:5]
        u_value = _rc4(key, _PAD)
        enc_entries = (
            f"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 "
            f"/O <{o_value.hex()}> /U <{u_value.hex()}> >>"
        )

    def crypt(num: int, data: bytes) -> bytes:
        if not key:
            return data
        k = hashlib.md5(key + num.to_bytes(3, "little") + b"\x00\x00").digest()[:10]
        return _rc4(k, data)

    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + crypt(4, content) + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 8 0 R /DW 1000 /CIDToGIDMap /Identity >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + crypt(7, cmap) + b"\nendstream",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 "
        b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 700 /StemV 80 >>",
    ]
    if enc_entries:
        objects.append(enc_entries.encode("ascii"))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R /ID [<{file_id.hex()}> <{file_id.hex()}>]"
    if enc_entries:
        trailer += f" /Encrypt {len(objects)} 0 R"
    out += b"trailer\n" + trailer.encode("ascii") + b" >>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
