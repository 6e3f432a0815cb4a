"""Entities: cluster entity mentions across articles into referents; check places in a gazetteer.

Public functions
----------------
compare_names(name_a, name_b, kind="place", context_a="", context_b="") -> dict
    {"verdict": "same"|"variant"|"unresolved"|"distinct", "score": float 0..1, "evidence": [str]}
mentions(claims) -> mentions table: mention_id, claim_id, article_id, surface, kind, start, end, context
cluster_entities(claims, overrides=None) -> entities table (below)
entity_pairs(entities) -> pairs table: kind, surface_a, surface_b, article_a, article_b,
    verdict, score, evidence
check_place(name, context="") -> dict {"status": "found"|"not_found", "matches": [...]}

Entities table columns (one row per cluster x article x surface)
-------------------------------------------------------------------
cluster_id str, canonical str, kind str, article_id str, surface str, count int,
match str (verdict of this surface against the canonical), score float,
gazetteer str ("found"/"not_found"/"" for non-places), gazetteer_match str, evidence str
"""
