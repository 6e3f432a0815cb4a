"""Decisions: the analysts' append-only log (JSON Lines, one file per analyst in data/decisions/)."""
