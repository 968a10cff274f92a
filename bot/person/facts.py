"""The facts a person has told about their case, and how a new message changes them."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Dict, Optional

from bot.person.dates import Day

# Whose case the facts describe when the person names nobody else.
SELF = "self"


@dataclass(frozen=True)
class Facts:
    """One person's case as told so far; None where it is not known.

    Contribution time is either exact (``contribution_months``) or only bounded
    ("没交满一年": ``contribution_below``; "交满一年了": ``contribution_at_least``).
    """

    age: Optional[int] = None
    gender: Optional[str] = None
    contribution_months: Optional[int] = None
    contribution_below: Optional[int] = None
    contribution_at_least: Optional[int] = None
    separation: Optional[str] = None
    left_on: Optional[Day] = None
    insurance_expired: Optional[bool] = None
    hukou: Optional[str] = None
    work_kind: Optional[str] = None

    def merged(self, newer: Facts) -> Facts:
        """These facts with every fact ``newer`` states replacing the old value.

        A new contribution figure of any kind replaces all the old ones.
        """
        told = {f.name: getattr(newer, f.name) for f in fields(newer)}
        updates = {name: value for name, value in told.items() if value is not None}
        if any(name.startswith("contribution") for name in updates):
            for name in ("contribution_months", "contribution_below", "contribution_at_least"):
                updates.setdefault(name, None)
        return replace(self, **updates)

    def told(self) -> Dict[str, object]:
        """The facts that are known, by name."""
        return {
            f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None
        }

    def is_empty(self) -> bool:
        """Whether nothing is known."""
        return not self.told()
