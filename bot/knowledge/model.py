"""Typed records of the knowledge base. Field names are the YAML keys (SCHEMA.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Optional, Tuple


@dataclass(frozen=True)
class Guide:
    """The guide a region's facts come from."""

    file: str
    title: str


@dataclass(frozen=True)
class SourceRef:
    """A guide file and the section a fact is taken from."""

    file: str
    section: str


@dataclass(frozen=True)
class Office:
    """One office from a guide's table, plus the names people type for it."""

    name: str
    area: str
    phones: Tuple[str, ...]
    address: Optional[str] = None
    hours: Optional[str] = None
    bank: Optional[str] = None
    prefecture: Optional[str] = None


@dataclass(frozen=True)
class OfficeTable:
    """The generated offices file of a region."""

    source: SourceRef
    offices: Tuple[Office, ...]


@dataclass(frozen=True)
class AgeLimit:
    """An age range in years, both ends included."""

    min: int
    max: int


@dataclass(frozen=True)
class AgeLimits:
    """Statutory working-age limits by gender."""

    female: AgeLimit
    male: AgeLimit


@dataclass(frozen=True)
class Section:
    """A piece of guide prose: a text, or an intro with items and notes."""

    section: str
    text: Optional[str] = None
    intro: Optional[str] = None
    items: Tuple[str, ...] = ()
    notes: Tuple[str, ...] = ()
    age_limits: Optional[AgeLimits] = None


@dataclass(frozen=True)
class DocumentItem:
    """One document to bring or upload."""

    item: str
    optional: bool = False
    condition: Optional[str] = None


@dataclass(frozen=True)
class Documents:
    """Documents for online upload and for the window."""

    section: str
    online: Tuple[DocumentItem, ...] = ()
    on_site: Tuple[DocumentItem, ...] = ()
    notes: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Channel:
    """An online channel: website, app, WeChat account or mini program."""

    kind: str
    name: str
    url: Optional[str] = None


@dataclass(frozen=True)
class Channels:
    """The online channels a guide names."""

    section: str
    items: Tuple[Channel, ...]


@dataclass(frozen=True)
class Form:
    """A downloadable form."""

    name: str
    url: str


@dataclass(frozen=True)
class Forms:
    """The downloadable forms a guide names."""

    section: str
    items: Tuple[Form, ...]


@dataclass(frozen=True)
class Deadline:
    """A filing deadline in days."""

    section: str
    days: int
    text: str


@dataclass(frozen=True)
class Amount:
    """A monthly amount with its effective date, or a ratio of another benefit."""

    section: str
    text: str
    monthly_yuan: Optional[int] = None
    effective: Optional[str] = None
    ratio_of_insurance_total: Optional[float] = None


@dataclass(frozen=True)
class DurationRule:
    """How many months of benefit a contribution time gives."""

    section: str
    minimum_months: int
    base_months: int
    step_months: int
    extra_per_step: int
    remainder_counts_over: int
    maximum_months: int
    text: str


@dataclass(frozen=True)
class Benefit:
    """What one guide says about one benefit."""

    id: str
    name: str
    scope: Optional[Section] = None
    conditions: Optional[Section] = None
    documents: Optional[Documents] = None
    channels: Optional[Channels] = None
    steps: Optional[Section] = None
    progress: Optional[Section] = None
    where: Optional[Section] = None
    deadline: Optional[Deadline] = None
    forms: Optional[Forms] = None
    amount: Optional[Amount] = None
    duration_rule: Optional[DurationRule] = None
    payment: Optional[Section] = None


@dataclass(frozen=True)
class OfficeSettings:
    """How a region's office table is extracted and named."""

    format: str
    section: str
    main_office: Optional[str] = None
    # How the guide's table ranks them: "省级机构" / "市级机构" and "各市县" / "各区县".
    main_office_label: Optional[str] = None
    areas_label: Optional[str] = None
    area_aliases: Dict[str, Tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Region:
    """A city or province a guide covers."""

    id: str
    name: str
    short_name: str
    aliases: Tuple[str, ...]
    province: str
    guide: Guide
    offices: OfficeSettings
    benefits: Tuple[Benefit, ...]
    phone_area_code: Optional[str] = None


@dataclass(frozen=True)
class NationalBenefit:
    """What a benefit is, independent of region."""

    id: str
    name: str
    aliases: Tuple[str, ...]
    summary: str
    source: SourceRef


@dataclass(frozen=True)
class Platform:
    """The nationwide online entrance."""

    name: str
    url: str
    note: str
    source: SourceRef


@dataclass(frozen=True)
class Hotline:
    """The nationwide hotline."""

    number: str
    name: str
    source: SourceRef


@dataclass(frozen=True)
class National:
    """Facts not tied to one region."""

    platform: Platform
    hotline: Hotline
    benefits: Tuple[NationalBenefit, ...]


@dataclass(frozen=True)
class Gazetteer:
    """Place names outside the guides, to recognise an uncovered region."""

    provinces: Tuple[str, ...]
    cities: Tuple[str, ...]
