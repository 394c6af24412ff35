"""Bytes to text: UTF-8 (with or without BOM), GB18030/GBK, Big5, and clear refusals.

Chinese newsrooms still exchange GBK files, and Taiwan and Hong Kong ones Big5,
so a file that is not valid UTF-8 is tried as GB18030 (a superset of GBK and
GB2312) and as Big5 (Microsoft's cp950).  Either decodes much of the other's
bytes into rare characters, so when both succeed the one whose text holds more
of the commonest Chinese characters wins.  A decoding is accepted only if it
looks like text; anything else is refused with a message that names the file
and says what to do.
"""

from __future__ import annotations

from checker.errors import SourceError

_CONTROL_OK = {"\t", "\n", "\r", "\f", "\v"}
# The other control bytes, which text does not hold: counted by deleting them (bytes.translate, in C).
_CONTROL_BYTES = bytes(b for b in range(32) if chr(b) not in _CONTROL_OK)
# The commonest characters of Chinese prose, in both scripts: a right decoding is full of them.
_COMMON = frozenset(
    "的一是不了在人有我他这這中大来來上个個国國以要们們到说說和地出也子时時年为為会會"
    "就可对對发發成工经經行业業方后後多生于於新区區资資展进進合市建设設项項目万萬公里"
)
# Candidate legacy encodings: (codec, name reported), tried in this order.
_LEGACY = (("gb18030", "gb18030"), ("cp950", "big5"))


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:65536]:
        return True
    sample = data[:4096]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return bool(sample) and controls / len(sample) > 0.10


def _plausible_cjk(text: str) -> bool:
    """GB18030 decodes almost any byte soup; accept it only when it reads as text."""
    if not text:
        return True
    sample = text[:4096]
    good = sum(1 for ch in sample if ch.isprintable() or ch in "\n\r\t")
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f")
    odd = sum(1 for ch in sample if "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd")
    return good / len(sample) > 0.97 and odd == 0 and (cjk > 0 or sample.isascii())


def _reads_as_text(text: str) -> bool:
    """Mostly ASCII, CJK and their punctuation, nothing private or control: text, not byte soup."""
    head = text[:4096]
    if not head:
        return False
    usual = sum(
        1
        for ch in head
        if (" " <= ch <= "~") or ch in "\n\r\t" or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef" or ("\u00a0" <= ch <= "\u024f") or "\u2000" <= ch <= "\u206f"
    )  # fmt: skip
    odd = sum(
        1
        for ch in head
        if "\ue000" <= ch <= "\uf8ff" or ch in "\x00\ufffd" or (not ch.isprintable() and ch not in "\n\r\t")
    )
    return odd == 0 and usual / len(head) > 0.9


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a BOM (some Windows tools do): accepted only when it decodes cleanly.

    Its ASCII characters and line breaks put NUL bytes in it, so it would be
    called binary.  Little-endian (Windows) is tried first; the decoded text
    must read as text, which random bytes decoded as UTF-16 never do.
    """
    if len(data) < 2 or len(data) % 2 or b"\x00" not in data[:65536]:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _reads_as_text(text):
            return text, encoding
    return None


def decode_bytes(path: str, data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise SourceError naming the file and the problem."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise SourceError(path, f"has a UTF-8 BOM but invalid UTF-8 at byte {exc.start + 3}") from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise SourceError(path, f"invalid UTF-16 at byte {exc.start}") from exc
    # After the BOM checks: UTF-16 text is full of NUL bytes.
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise SourceError(
            path,
            "binary file (contains NUL or control bytes); only text, web pages, PDF and Word files are checked",
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        legacy = _legacy_decode(data)
        if legacy is not None:
            return legacy
        line = data[: utf8_error.start].count(b"\n") + 1
        raise SourceError(
            path,
            f"invalid UTF-8 at byte {utf8_error.start} (line {line}) and not GBK/GB18030 or Big5 text "
            "either; re-save the file as UTF-8",
        ) from utf8_error


def _legacy_decode(data: bytes) -> tuple[str, str] | None:
    """The plausible GB18030 or Big5 reading of `data` with the most common characters, if any."""
    best: tuple[int, str, str] | None = None
    for codec, name in _LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not text or not _plausible_cjk(text):
            continue
        score = sum(1 for ch in text[:4096] if ch in _COMMON)
        if best is None or score > best[0]:
            best = (score, text, name)
    return None if best is None else (best[1], best[2])


def is_empty_text(text: str) -> bool:
    """True for a file with nothing but white space."""
    return not text.strip(" \t\n\r\u3000\ufeff")
