"""checker: extract numeric claims from reports and cross-check them."""

__version__ = "0.1.0"
