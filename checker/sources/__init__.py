"""Sources: find report files and decode them into Documents."""

from checker.sources.decode import decode_bytes, read_document
from checker.sources.discover import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, discover

__all__ = ["DEFAULT_EXCLUDE", "DEFAULT_INCLUDE", "decode_bytes", "discover", "read_document"]
