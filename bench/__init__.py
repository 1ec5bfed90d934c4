"""The Atlas benchmark: ``python -m bench`` (see ``bench/README.md``)."""
