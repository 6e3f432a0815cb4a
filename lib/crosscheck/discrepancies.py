"""Discrepancies: align claims across articles and type every difference.

Public functions
----------------
align_claims(claims) -> alignment table
    article_a, article_b, claim_a, claim_b (one may be "" for one-source claims),
    similarity float, status ("aligned" | "only_a" | "only_b")
find_discrepancies(claims, alignment, entities, events) -> discrepancies table
    discrepancy_id (stable content hash), kind, article_a, article_b, claim_a, claim_b,
    text_a, text_b, value_a, value_b, severity (int, higher = more severe), explanation
"""
