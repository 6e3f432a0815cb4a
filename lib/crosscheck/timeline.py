"""Timeline: temporal expressions normalized to TIMEX3 values, claim events, recycled news.

Public functions
----------------
extract_times(text, reference=None) -> DataFrame
    columns start, end, text, type (DATE|TIME|DURATION|SET), value (TIMEX3),
    start_date, end_date (ISO dates or "" for the interval a DATE covers), inferred (bool), note
build_timeline(claims, articles) -> timeline table
    article_id, claim_id, expression, type, value, start_date, end_date, inferred, note
claim_events(claims, articles, timeline) -> events table
    claim_id, article_id, event_start, event_end, basis, recycled (bool), gap_days
"""
