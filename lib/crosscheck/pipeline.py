"""Pipeline: chain the stages for the CLI and the notebooks."""
