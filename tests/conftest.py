"""Shared test setup.

Notebook kernels started by nbval inherit this process's environment: CROSSCHECK_HEADLESS=1
makes their review panel read-only, so re-executing the notebooks never writes decisions.
"""

import os

os.environ.setdefault("CROSSCHECK_HEADLESS", "1")
