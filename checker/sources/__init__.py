"""Sources: find report files and read them (text, web pages, PDF, Word) into Documents."""

from checker.sources.decode import decode_bytes
from checker.sources.discover import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, discover
from checker.sources.read import read_document

__all__ = ["DEFAULT_EXCLUDE", "DEFAULT_INCLUDE", "decode_bytes", "discover", "read_document"]
