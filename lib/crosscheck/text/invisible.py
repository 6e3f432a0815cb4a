"""Invisible and look-alike characters: find them, show them, refuse them in identifiers.

Public functions
----------------
invisible_kind(ch) -> str       "" for an ordinary character, else what it is: "a control
                                character", "a bidirectional-text control", "an invisible
                                (zero-width or format) character", "a line or paragraph
                                separator", "a lone surrogate", "a private-use character",
                                "an unassigned code point"
show_invisible(text, keep="\\n\\t") -> str   text with every bidi control, control character and
                                zero-width character written as a visible escape (\\u202e, \\x07),
                                for display in HTML or Markdown. Zero-width (non-)joiners
                                (U+200C, U+200D) are kept: scripts and emoji need them.
letter_scripts(text) -> set[str]   the scripts of the letters in text ("LATIN", "CYRILLIC",
                                "GREEK", "CJK" ...; Han, kana and hangul count as one, "CJK")
"""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
JOINERS = frozenset("\u200c\u200d")  # needed by Indic and Arabic scripts and emoji sequences
_KINDS = {
    "Cc": "a control character",
    "Cf": "an invisible (zero-width or format) character",
    "Zl": "a line or paragraph separator",
    "Zp": "a line or paragraph separator",
    "Cs": "a lone surrogate",
    "Co": "a private-use character",
    "Cn": "an unassigned code point",
}
_CJK = {"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "HALFWIDTH", "IDEOGRAPHIC"}
_NOT_SCRIPTS = {"MODIFIER", "SMALL"}  # "MODIFIER LETTER APOSTROPHE" and the like


def invisible_kind(ch: str) -> str:
    """What makes `ch` invisible or unsafe to show raw ("" for an ordinary character)."""
    if ch in BIDI_CONTROLS:
        return "a bidirectional-text control"
    return _KINDS.get(unicodedata.category(ch), "")


def _escape(ch: str) -> str:
    code = ord(ch)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else (f"\\U{code:08x}")
    )


def show_invisible(text: str, keep: str = "\n\t") -> str:
    """`text` with invisible characters (bidi controls, controls, zero-width) as visible
    escapes; the characters in `keep` and the zero-width joiners stay as they are."""
    if text.isprintable():  # fast path: nothing to escape (str.isprintable: no Cc/Cf/Z*)
        return text
    return "".join(
        _escape(ch) if ch not in keep and ch not in JOINERS and invisible_kind(ch) else ch
        for ch in text
    )


def letter_scripts(text: str) -> set[str]:
    """The scripts of the letters of `text`, from their Unicode names (first word)."""
    found = set()
    for ch in text:
        if not unicodedata.category(ch).startswith("L"):
            continue
        word = unicodedata.name(ch, "UNKNOWN").split()[0]
        if word in _NOT_SCRIPTS:
            continue
        found.add("CJK" if word in _CJK else word)
    return found
