"""Running layer: the pipeline, corpus runs, the command line and the workbook driver."""
