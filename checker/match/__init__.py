"""Match: group claims that state the same fact."""

from checker.match.grouping import Fact, group_claims, normalise_subject, unit_key

__all__ = ["Fact", "group_claims", "normalise_subject", "unit_key"]
