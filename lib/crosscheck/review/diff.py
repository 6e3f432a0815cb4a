"""A diff of what differs in meaning between two claims, not of every word.

meaning_diff(text_a, text_b) -> (html_a, html_b)
    escaped HTML; a word is marked only when it carries meaning and the other claim lacks it:
    numbers (<mark class="cc-num">), names: capitalised words not opening the sentence
    (cc-name), negations (cc-neg), month and day names (cc-date), and other content words
    (cc-word). Function words (lexicon en/diff_words.csv) are never marked alone; a word is
    compared case-folded and the order of words does not matter, so a loosely aligned pair
    marks the few words that differ ("Petrivka" / "Petrovka"), not whole sentences.
    Two claims in different scripts (an original beside its English rewrite) share no words:
    only numbers are marked there (a decimal comma reads as a point: 2,5 = 2.5).
changed_words(text_a, text_b) -> {"a": [(word, class)], "b": [(word, class)]}
"""

from __future__ import annotations

import re
from collections import Counter

from crosscheck.review.export import escape_html
from crosscheck.text import lexicon

TOKEN = re.compile(r"\s+|\d[\d.,]*\d|\d|\w+(?:['’]\w+)?|[^\w\s]")
DIFF_STYLE = (
    "<style>.cc-diff mark{padding:0 1px;border-radius:2px}"
    ".cc-diff mark.cc-num{background:#fde68a;font-weight:bold}"
    ".cc-diff mark.cc-name{background:#bfdbfe;font-weight:bold}"
    ".cc-diff mark.cc-neg{background:#fecaca;font-weight:bold}"
    ".cc-diff mark.cc-date{background:#ddd6fe}"
    ".cc-diff mark.cc-word{background:#e5e7eb}</style>"
)


def _roles() -> dict[str, str]:
    return lexicon.by_attr("diff_words", "role")


def _key(word: str) -> str:
    key = word.casefold().replace("’", "'")
    return key.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", key) else key


def _klass(word: str, opens_sentence: bool) -> str:
    """The class of a word token, "" for words never marked alone (function words, punctuation)."""
    role = _roles().get(_key(word), "")
    if word[0].isdigit():
        return "num"
    if role == "negation":
        return "neg"
    if role in ("month", "weekday", "date"):
        return "date"
    if not word[0].isalpha() or role == "function":
        return ""
    if word[0].isupper() and not opens_sentence:
        return "name"
    return "word"


def _tokens(text: str) -> list[tuple[str, str]]:
    """(token, class) for every token, whitespace and punctuation included (class "")."""
    out, opens = [], True
    for tok in TOKEN.findall(text or ""):
        if tok.isspace():
            out.append((tok, ""))
            continue
        klass = _klass(tok, opens) if (tok[0].isalnum()) else ""
        out.append((tok, klass))
        opens = tok in '.!?"“”:'
    return out


def _compared_tokens(text_a: str, text_b: str):
    """The tokens of both texts with their classes; across scripts numbers only."""
    ta, tb = _tokens(text_a), _tokens(text_b)
    if _cross_script(text_a, text_b):
        ta, tb = _numbers_only(ta), _numbers_only(tb)
    return ta, tb


def changed_words(text_a: str, text_b: str) -> dict[str, list[tuple[str, str]]]:
    """The marked words of each text, as meaning_diff marks them."""
    ta, tb = _compared_tokens(str(text_a or ""), str(text_b or ""))
    bag_a = Counter(_key(t) for t, k in ta if k)
    bag_b = Counter(_key(t) for t, k in tb if k)
    return {
        "a": [(t, k) for t, k in ta if k and _key(t) not in bag_b],
        "b": [(t, k) for t, k in tb if k and _key(t) not in bag_a],
    }


def _render(tokens: list[tuple[str, str]], other: Counter) -> str:
    parts = []
    for tok, klass in tokens:
        text = escape_html(tok)
        if klass and _key(tok) not in other:
            tip = f"only in this claim: {klass}"
            parts.append(f'<mark class="cc-{klass}" title="{tip}">{text}</mark>')
        else:
            parts.append(text)
    return "".join(parts)


def _numbers_only(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Across scripts no word is shared, so only numbers are compared (2,5 = 2.5)."""
    return [(t, k if k == "num" else "") for t, k in tokens]


def _cross_script(text_a: str, text_b: str) -> bool:
    from crosscheck.text.language import script  # noqa: PLC0415

    sa, sb = script(text_a), script(text_b)
    return bool(sa and sb and sa != sb)


def meaning_diff(text_a, text_b) -> tuple[str, str]:
    """(html_a, html_b): see the module doc. Text is escaped."""
    text_a, text_b = str(text_a or ""), str(text_b or "")
    ta, tb = _compared_tokens(text_a, text_b)
    bag_a = Counter(_key(t) for t, k in ta if k)
    bag_b = Counter(_key(t) for t, k in tb if k)
    return (
        f'<span class="cc-diff">{_render(ta, bag_b)}</span>',
        f'<span class="cc-diff">{_render(tb, bag_a)}</span>',
    )
