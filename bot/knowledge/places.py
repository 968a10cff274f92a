"""Resolve the places a user typed (regions and areas) against the knowledge base."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Dict, Iterable, List, Optional, Set, Tuple

from opencc import OpenCC

from bot.knowledge.loader import KnowledgeBase, RegionData
from bot.knowledge.model import Office

AREA_SUFFIXES = ("区", "县", "市")
# Right after a place name, these make it a street's name ("金华南路55号", "吉林大街").
_ROAD = re.compile(r"(?:东|南|西|北|中)?(?:路|大道|大街|街(?!道)|巷|胡同)")


@lru_cache(maxsize=1)
def _to_simplified() -> OpenCC:
    return OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` in simplified characters ("被辭退" → "被辞退"), spacing kept."""
    return _to_simplified().convert(text)


def normalize(text: str) -> str:
    """Simplified Chinese, no whitespace, lower-case Latin letters."""
    return re.sub(r"\s+", "", _to_simplified().convert(text)).lower()


@dataclass(frozen=True)
class Area:
    """An area of a covered region, served by one office."""

    region_id: str
    office: Office

    @property
    def name(self) -> str:
        """The area's name as the guide gives it."""
        return self.office.area


@dataclass(frozen=True)
class Mention:
    """A place name found in a text, with every place it may mean, and where it stands."""

    text: str
    regions: Tuple[str, ...] = ()
    areas: Tuple[Area, ...] = ()
    uncovered: Optional[str] = None
    start: int = 0
    end: int = 0


@dataclass
class PlaceQuery:
    """What a text says about places, after resolution."""

    regions: List[str] = field(default_factory=list)
    areas: List[Area] = field(default_factory=list)
    ambiguous: List[Tuple[str, Tuple[Area, ...]]] = field(default_factory=list)
    uncovered: List[str] = field(default_factory=list)

    @property
    def region(self) -> Optional[str]:
        """The one region the text names (directly or through an area), if any."""
        candidates = list(dict.fromkeys(self.regions + [a.region_id for a in self.areas]))
        return candidates[0] if len(candidates) == 1 else None


def area_aliases(area: str, extra: Iterable[str] = ()) -> Set[str]:
    """The names people type for an area: full, without its suffix, the part after a city."""
    names = {area, *extra}
    if "市" in area[:-1]:
        names.add(area.split("市", 1)[1])
    for name in list(names):
        if len(name) >= 3 and name.endswith(AREA_SUFFIXES):
            names.add(name[:-1])
    return {normalize(name) for name in names if name}


class PlaceIndex:
    """Alias index over the regions and areas of a knowledge base."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self._regions: Dict[str, Set[str]] = {}
        self._areas: Dict[str, List[Area]] = {}
        for data in knowledge.regions.values():
            self._add_region(data)
        region_names = set(self._regions)
        for alias in list(self._areas):
            if alias in region_names:
                del self._areas[alias]
        self._uncovered = {
            normalize(name)
            for name in (*knowledge.gazetteer.provinces, *knowledge.gazetteer.cities)
            if normalize(name) not in region_names and normalize(name) not in self._areas
        }
        # the guides' online channels ("就业彩云南"): a place name inside one is not a place
        self._channels = sorted(
            {
                normalize(re.sub(r"[（(].*?[)）]", "", channel.name))
                for data in knowledge.regions.values()
                for benefit in data.region.benefits
                if benefit.channels
                for channel in benefit.channels.items
            },
            key=len,
            reverse=True,
        )
        names = sorted(region_names | set(self._areas) | self._uncovered, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(name) for name in names))

    def _add_region(self, data: RegionData) -> None:
        region = data.region
        for alias in {region.name, region.short_name, *region.aliases}:
            self._regions.setdefault(normalize(alias), set()).add(region.id)
        extra = region.offices.area_aliases
        for office in data.offices:
            area = Area(region.id, office)
            for alias in area_aliases(office.area, extra.get(office.area, ())) | {
                normalize(office.name)
            }:
                self._areas.setdefault(alias, []).append(area)

    def region_aliases(self) -> Dict[str, Set[str]]:
        """Region alias to region ids."""
        return dict(self._regions)

    def area_aliases(self) -> Dict[str, List[Area]]:
        """Area alias to the areas it may mean."""
        return dict(self._areas)

    def mentions(self, text: str) -> List[Mention]:
        """Every place name in ``text``, longest match first, left to right.

        Positions are in the normalized text (``normalize``).
        """
        found = []
        normalized = normalize(text)
        for match in self._pattern.finditer(normalized):
            name, span = match.group(0), {"start": match.start(), "end": match.end()}
            if _ROAD.match(normalized, match.end()):
                # "金华南路": a road's name, not the city
                continue
            if name in self._uncovered and self.in_channel_name(normalized, name, match.start()):
                # "就业彩云南": the name of an account, not the province
                continue
            if name in self._regions:
                found.append(Mention(name, regions=tuple(sorted(self._regions[name])), **span))
            elif name in self._areas:
                found.append(Mention(name, areas=tuple(self._areas[name]), **span))
            else:
                found.append(Mention(name, uncovered=name, **span))
        return found

    def in_channel_name(self, normalized: str, name: str, begin: int) -> bool:
        """Whether ``name`` at ``begin`` is part of a channel's name ("彩云南", "就业彩云南")."""
        end = begin + len(name)
        for channel in self._channels:
            at = channel.find(name)
            while at >= 0:
                before = at > 0 and begin > 0 and normalized[begin - 1] == channel[at - 1]
                after_at = at + len(name)
                after = (
                    after_at < len(channel)
                    and end < len(normalized)
                    and normalized[end] == channel[after_at]
                )
                if before or after:
                    return True
                at = channel.find(name, at + 1)
        return False

    def resolve(self, text: str, context_region: Optional[str] = None) -> PlaceQuery:
        """Resolve the places in ``text``; ``context_region`` settles shared area names."""
        return self.resolve_mentions(self.mentions(text), context_region)

    def resolve_mentions(
        self, mentions: List[Mention], context_region: Optional[str] = None
    ) -> PlaceQuery:
        """Resolve mentions found by :meth:`mentions` (some may have been left out)."""
        query = PlaceQuery()
        for mention in mentions:
            for region_id in mention.regions:
                if region_id not in query.regions:
                    query.regions.append(region_id)
        preferred = query.regions[0] if len(query.regions) == 1 else context_region
        for mention in mentions:
            if mention.uncovered:
                query.uncovered.append(mention.uncovered)
            if not mention.areas:
                continue
            areas = _distinct(mention.areas)
            in_region = [a for a in areas if a.region_id == preferred]
            if len(areas) == 1:
                query.areas.extend(areas)
            elif len(in_region) >= 1 and len({a.region_id for a in areas}) > 1:
                query.areas.extend(in_region)
            else:
                query.ambiguous.append((mention.text, tuple(areas)))
        # "白山江源": the district named within its city is the place meant
        query.areas = [
            area
            for area in query.areas
            if not any(
                other.region_id == area.region_id
                and other.office.area != area.office.area
                and other.office.area.startswith(area.office.area)
                for other in query.areas
            )
            and area not in _cities_before_counties(mentions)
        ]
        return query

    def area(self, region_id: str, name: str) -> Optional[Area]:
        """The area of a region with this name or alias."""
        for area in self._areas.get(normalize(name), []):
            if area.region_id == region_id:
                return area
        return None


def _cities_before_counties(mentions: List[Mention]) -> List[Area]:
    """Cities named right before a county of theirs ("四平梨树县"): the county is meant."""
    return [
        city
        for first, second in pairwise(mentions)
        if second.start - first.end <= 1
        for city in first.areas
        if any(_city_of(city, county) for county in second.areas)
    ]


def _city_of(city: Area, county: Area) -> bool:
    """Whether ``city`` is the city of the prefecture ``county`` lies in ("四平梨树县")."""
    prefecture = county.office.prefecture or ""
    name = city.office.area
    return (
        county.office.area != name
        and city.office.prefecture == prefecture
        and name.endswith("市")
        and prefecture.startswith(name[:-1])
    )


def is_street(normalized: str, name: str) -> bool:
    """Whether ``name`` stands in ``normalized`` only as part of a street's name ("金华南路")."""
    starts = [m.start() for m in re.finditer(re.escape(name), normalized)]
    return bool(starts) and all(_ROAD.match(normalized, at + len(name)) for at in starts)


def _distinct(areas: Iterable[Area]) -> Tuple[Area, ...]:
    return tuple(dict.fromkeys(areas))
