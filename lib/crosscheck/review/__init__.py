"""Review layer: what the analyst sees and does with the analysis.

Modules: ``items`` (one review item per aligned claim pair), ``overrides`` (entity overrides
applied to every table of a case), ``context`` (outlet, headline, date and paragraph of each
claim; short article labels), ``diff`` (a diff of what differs in meaning), ``progress``
(progress, agreement and summary views that follow the log), ``watch`` (polls the case's
decision files so the live views refresh when another analyst writes), ``identity`` (the
analyst name remembered across restarts), ``views`` (tables and figures), ``export`` (HTML,
Markdown, CSV) and ``panel`` (the ipywidgets panels: the only module that imports ipywidgets).

``from crosscheck.review import ReviewPanel, EntityOverridePanel`` still works: the panel module
(and ipywidgets) is imported only when one of them is asked for.
"""

from __future__ import annotations

_PANEL_NAMES = ("ReviewPanel", "EntityOverridePanel", "AdjudicationPanel", "LiveViews")


def __getattr__(name: str):
    if name in _PANEL_NAMES:
        from crosscheck.review import panel

        return getattr(panel, name)
    raise AttributeError(f"module 'crosscheck.review' has no attribute {name!r}")
