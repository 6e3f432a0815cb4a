"""Guard spaCy's tokenizer against long runs of non-space characters.

spaCy's tokenizer strips prefixes, suffixes and infixes from each space-delimited chunk one at a
time, which is quadratic in the chunk's length: a run of 16,000 ")" or "'" characters takes
about 20 s, a 5 MB one days. `guard_tokenizer(nlp)` wraps the pipeline's tokenizer so that every
run of non-space characters longer than `MAX_RUN` is tokenized in pieces of at most `MAX_RUN`
characters, the pieces being joined back into one `Doc` whose text is exactly the input: every
character offset (`token.idx`, `span.start_char`) still indexes the original text. Text without
such runs goes to the original tokenizer unchanged.

Public functions
----------------
long_run_cuts(text, limit=MAX_RUN) -> list[int]   where the text is cut (inside long runs only)
split_long_runs(text, limit=MAX_RUN) -> list[str] the pieces; "".join(pieces) == text
guard_tokenizer(nlp, limit=MAX_RUN) -> nlp         the same pipeline, its tokenizer wrapped
pipe_bounded(nlp, texts, batch_size, max_chars=MAX_BATCH_CHARS, **kwargs) -> docs
    nlp.pipe in batches of at most batch_size texts and max_chars characters
"""

from __future__ import annotations

import re

MAX_RUN = 100  # characters; URLs and hyphenated compounds are shorter in news text


def _run_pattern(limit: int) -> re.Pattern:
    return re.compile(rf"\S{{{limit + 1},}}")


_LONG_RUN = _run_pattern(MAX_RUN)


def long_run_cuts(text: str, limit: int = MAX_RUN) -> list[int]:
    """Offsets at which `text` is cut: every `limit` characters inside each run of more than
    `limit` non-space characters (a cut is never at a run's start or end)."""
    runs = _LONG_RUN if limit == MAX_RUN else _run_pattern(limit)
    cuts = []
    for run in runs.finditer(text):
        cuts.extend(range(run.start() + limit, run.end(), limit))
    return cuts


def split_long_runs(text: str, limit: int = MAX_RUN) -> list[str]:
    """`text` in pieces whose non-space runs are at most `limit` long; they join back to `text`."""
    bounds = [0, *long_run_cuts(text, limit), len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


class GuardedTokenizer:
    """A tokenizer that hands the original one pieces without long non-space runs."""

    def __init__(self, tokenizer, limit: int = MAX_RUN):
        self.tokenizer = tokenizer
        self.limit = limit

    def __call__(self, text: str):
        pieces = split_long_runs(text, self.limit)
        if len(pieces) <= 1:
            doc = self.tokenizer(text)
        else:
            from spacy.tokens import Doc

            doc = Doc.from_docs([self.tokenizer(p) for p in pieces], ensure_whitespace=False)
        doc.user_data["text"] = text  # = doc.text, which joins every token on each access
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name):  # vocab, explain, rules ... of the wrapped tokenizer
        return getattr(self.tokenizer, name)


def guard_tokenizer(nlp, limit: int = MAX_RUN):
    """Wrap `nlp.tokenizer` (once) so long non-space runs cannot make tokenizing quadratic."""
    if not isinstance(nlp.tokenizer, GuardedTokenizer):
        nlp.tokenizer = GuardedTokenizer(nlp.tokenizer, limit)
    return nlp


MAX_BATCH_CHARS = 100_000  # characters parsed in one spaCy batch (about 3.3 MB per 1,000)


def pipe_bounded(nlp, texts, batch_size: int, max_chars: int = MAX_BATCH_CHARS, **kwargs):
    """`nlp.pipe(texts, batch_size=...)`, in order, but no batch holds more than `max_chars`
    characters (or `batch_size` texts): 32 chunks of a 5 MB article parsed at once need
    gigabytes; a batch of at most 100,000 characters keeps peak memory flat."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (size + len(text) > max_chars or len(batch) >= batch_size):
            yield from nlp.pipe(batch, batch_size=batch_size, **kwargs)
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield from nlp.pipe(batch, batch_size=batch_size, **kwargs)
