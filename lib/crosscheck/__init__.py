"""crosscheck: check news reports against each other.

Data flows one way::

    files -> load (articles) -> claims -> entities, timeline (keyed by claim)
          -> discrepancies -> decisions (append-only log) <- review (ipywidgets panel)

`crosscheck.pipeline.run_case` chains the stages for the CLI and the notebooks.
"""

__version__ = "0.1.0"
