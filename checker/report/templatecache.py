"""Jinja's compiled templates kept between processes, so a one-document check does not compile them.

Compiling report.html.j2 costs more than checking a short report.  Jinja keys
a compiled template by its name and file and checks its source checksum (an
edited template compiles again); the key here also holds the environment's
options that shape the compiled code (trim_blocks, delimiters ...), so changing
them never loads code compiled under the old ones.  The folder is Jinja's
default, private to the user (created 0700, its owner checked).  A cache that
cannot be made or written only costs the compile again.
"""

from __future__ import annotations

import contextlib
import hashlib

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket

_SHAPING = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "autoescape",
    "optimized",
)


class _OptionsCache(FileSystemBytecodeCache):
    def __init__(self, options: str) -> None:
        super().__init__()
        self._options = options

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(f"{self._options}|{name}|{filename}".encode(), usedforsecurity=False).hexdigest()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # a full or read-only disk: the next run compiles again
            super().dump_bytecode(bucket)


def template_cache(env: Environment) -> BytecodeCache | None:
    """A bytecode cache for `env`, or None when no private folder is usable."""
    options = repr([(key, getattr(env, key)) for key in _SHAPING] + [sorted(env.extensions)])
    try:
        return _OptionsCache(options)
    except (OSError, RuntimeError):
        return None
