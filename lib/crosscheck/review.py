"""Review: the ipywidgets adjudication panel (the only module that imports ipywidgets)."""
