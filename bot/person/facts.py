"""The facts a person has told about their case, and how a new message changes them."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Dict, Optional, Tuple

from bot.person.dates import Day

# Whose case the facts describe when the person names nobody else.
SELF = "self"

# Facts told exactly or only bounded: (exact, bounds…). A new exact value replaces the
# bounds; a bound replaces an exact value only when the two disagree.
BOUNDED = (
    ("age", ("age_over", "age_under")),
    ("contribution_months", ("contribution_below", "contribution_at_least")),
    ("continuous_months", ("continuous_at_least",)),
)


@dataclass(frozen=True)
class Facts:
    """One person's case as told so far; None where it is not known.

    Contribution time is either exact (``contribution_months``) or only bounded
    ("没交满一年": ``contribution_below``; "交满一年了": ``contribution_at_least``);
    so are the age ("超过50岁": ``age_over``; "不到50": ``age_under``) and the time worked
    without a break for the last employer (``continuous_months``, "连续工作满一年":
    ``continuous_at_least``). Bounds are strict for ages and inclusive for months, as
    people say them: "超过50岁" is 51 or more, "交满一年" is 12 months or more.
    """

    age: Optional[int] = None
    age_over: Optional[int] = None
    age_under: Optional[int] = None
    gender: Optional[str] = None
    contribution_months: Optional[int] = None
    contribution_below: Optional[int] = None
    contribution_at_least: Optional[int] = None
    continuous_months: Optional[int] = None
    continuous_at_least: Optional[int] = None
    separation: Optional[str] = None
    left_on: Optional[Day] = None
    insurance_expired: Optional[bool] = None
    hukou: Optional[str] = None
    work_kind: Optional[str] = None

    def to_slot(self) -> Dict[str, object]:
        """The facts told, as a slot value (the date by its key)."""
        return {
            name: value.key() if isinstance(value, Day) else value
            for name, value in self.told().items()
        }

    @classmethod
    def from_slot(cls, value: object) -> Facts:
        """The inverse of :meth:`to_slot`; unknown names and bad values are left out."""
        if not isinstance(value, dict):
            return cls()
        names = {f.name for f in fields(cls)}
        kept = {name: v for name, v in value.items() if name in names and v is not None}
        if "left_on" in kept:
            kept["left_on"] = Day.from_key(str(kept["left_on"]))
        try:
            return cls(**kept)
        except TypeError:
            return cls()

    def merged(self, newer: Facts) -> Facts:
        """These facts with every fact ``newer`` states replacing the old value.

        A new exact figure replaces the old figure and its bounds; a new bound replaces
        them too, unless the old exact figure lies within it ("52岁" then "超过50岁了").
        """
        updates = {name: value for name, value in newer.told().items()}
        for exact, bounds in BOUNDED:
            group = (exact, *bounds)
            if not any(name in updates for name in group):
                continue
            if exact not in updates and self.within(exact, updates):
                for name in group:
                    updates.pop(name, None)
                continue
            for name in group:
                updates.setdefault(name, None)
        return replace(self, **updates)

    def within(self, exact: str, bounds: Dict[str, object]) -> bool:
        """Whether the known exact value of ``exact`` satisfies every bound given."""
        value = getattr(self, exact)
        if value is None:
            return False
        tests = {
            "age_over": lambda bound: value > bound,
            "age_under": lambda bound: value < bound,
            "contribution_below": lambda bound: value < bound,
            "contribution_at_least": lambda bound: value >= bound,
            "continuous_at_least": lambda bound: value >= bound,
        }
        given = [(name, bound) for name, bound in bounds.items() if name in tests]
        return bool(given) and all(tests[name](bound) for name, bound in given)

    def told(self) -> Dict[str, object]:
        """The facts that are known, by name."""
        return {
            f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None
        }

    def differing(self, newer: Facts) -> Tuple[str, ...]:
        """The known facts that ``newer`` would change."""
        merged = self.merged(newer)
        return tuple(name for name, value in self.told().items() if getattr(merged, name) != value)

    def is_empty(self) -> bool:
        """Whether nothing is known."""
        return not self.told()
