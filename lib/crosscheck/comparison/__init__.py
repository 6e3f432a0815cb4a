"""Comparison layer: claim alignment, the registry of difference typers, provenance and stories.
Modules here take tables from the text layer and never import the review or running layers."""
