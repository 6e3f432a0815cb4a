"""Claims: the articles table -> the claims table (one row per sentence or clause claim).

Public functions
----------------
nlp() -> spacy.Language      the pinned English pipeline, loaded once per process
extract_claims(articles) -> claims

Claims table columns
--------------------
claim_id          str   stable: "<article_id>:<8-hex hash of the claim text + occurrence>"
article_id        str
seq               int   order of the claim in its article
text              str   == article text[start:end]
start, end        int   character offsets into the article's cleaned text
speaker           str   who the claim is attributed to ("" when unattributed)
speaker_kind      str   "person" | "outlet" | "organisation" | "vague" | ""
attribution_verb  str   "said", "stated", "according to", ...
medium            str   "in a statement to state media", "according to Gazeta", ...
attributed        bool  False: the outlet's own unattributed assertion
speaker_inherited bool  True when the speaker comes from reported-speech context
certainty         str   "fact" | "expected" | "possible" | "speculative"
certainty_rank    int   0 (fact) .. 3 (speculative)
certainty_cues    list[str]
entities          list[dict]  {text, kind, start, end} offsets into the article text
quantities        list[dict]  {text, value, unit, approx, start, end}
times             list[dict]  rows of crosscheck.timeline.extract_times within the claim
"""
