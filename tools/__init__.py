"""Data builds: run once by a maintainer, never by the app (``python -m tools.build_borders``)."""
