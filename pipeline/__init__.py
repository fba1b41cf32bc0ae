"""policy-extract: structured, verified records from Chinese notices of yearly practical things."""

__version__ = "0.1.0"

from . import regex_cache

regex_cache.install()
