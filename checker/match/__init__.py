"""Match: group claims that state the same fact, and decide whether its documents agree."""

from checker.match.grouping import Fact, group_claims, normalise_subject
from checker.match.status import Assessment, Status, assess
from checker.units import unit_key

__all__ = ["Assessment", "Fact", "Status", "assess", "group_claims", "normalise_subject", "unit_key"]
