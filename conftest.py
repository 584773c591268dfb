"""Workspace-wide test setup.

With importlib imports, pytest names a test module after its path
(``gateway.tests...``) and may create empty placeholder packages for the
path's parents. The gateway's tests live under ``gateway/``, the name of the
real package, so it is imported first and pytest keeps it.
"""

import gateway  # noqa: F401
