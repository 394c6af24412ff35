"""Match: group claims that state the same fact, and decide whether its documents agree."""

from checker.match.grouping import Fact, group_claims, normalise_subject, unit_key
from checker.match.status import Assessment, Status, assess

__all__ = ["Assessment", "Fact", "Status", "assess", "group_claims", "normalise_subject", "unit_key"]
