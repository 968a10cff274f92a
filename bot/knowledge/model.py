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
    """An age range in years: from ``min`` (included) to ``below`` (excluded).

    Ningbo's guide fixes the upper end by its example: a woman born in 1966-08 must
    have applied before 2016-07, that is before she turns 50.
    """

    min: int
    below: int


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
    cases: Tuple[Case, ...] = ()
    # A "where" that is the online channel itself (a guide of online application only).
    online: bool = False


# Facts that are a yes or a no: a case's ``when`` names them "yes" / "no".
YES_NO_VALUES = {True: "yes", False: "no"}
YES_NO_FACTS = frozenset({"insurance_expired"})


def case_value(value: object) -> object:
    """A told fact as a case's ``when`` names it (True → "yes")."""
    return YES_NO_VALUES.get(value, value) if isinstance(value, bool) else value


@dataclass(frozen=True)
class DocumentItem:
    """One document to bring or upload.

    ``terms`` are the ``documents`` values of ``case_terms.yml`` it consists of (a
    "身份证、户口簿" item has two); with ``any_of`` one of them is enough ("身份证或社会保障卡").
    """

    item: str
    optional: bool = False
    condition: Optional[str] = None
    terms: Tuple[str, ...] = ()
    any_of: bool = False
    # people ``condition`` leaves out, as case facts (fact name -> values): someone known
    # to be one of them does not bring it ("居住证（异地人员）" for a local hukou)
    not_for: Optional[Dict[str, Tuple[str, ...]]] = None
    # what the guide's wording of the item leaves open ("身份证、银行卡、存折": both cards,
    # or either?), said with who can answer instead of a reading of ours
    unclear: Optional[str] = None


@dataclass(frozen=True)
class Documents:
    """Documents for online upload and for the window."""

    section: str
    online: Tuple[DocumentItem, ...] = ()
    on_site: Tuple[DocumentItem, ...] = ()
    notes: Tuple[str, ...] = ()
    # The on-site items are alternatives (any one of them is enough), not a list to bring.
    on_site_alternatives: bool = False


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
class Check:
    """One condition of a benefit as a test on one fact of a person's case.

    ``fact`` is ``age`` (``by_gender``), ``contribution`` or ``continuous_work``
    (``at_least_months`` or ``below_months``), ``separation`` (``accepted`` /
    ``refused`` / ``undecided`` values of ``case_terms.yml``; any other value is asked
    about) or ``insurance_expired`` (``expected``).
    """

    fact: str
    text: str
    by_gender: Optional[AgeLimits] = None
    at_least_months: Optional[int] = None
    below_months: Optional[int] = None
    accepted: Tuple[str, ...] = ()
    refused: Tuple[str, ...] = ()
    # Values the guide's cases do not settle: the verdict says the guide does not decide.
    undecided: Tuple[str, ...] = ()
    expected: Optional[bool] = None
    # False: when the fact is unknown, list the condition instead of asking for it.
    decisive: bool = True
    # The guide's own rule behind the check, shown beside a failed or undecided line.
    note: Optional[str] = None


@dataclass(frozen=True)
class CheckGroup:
    """A group of people the guide names: its checks must all hold, or any (``match``)."""

    text: str
    checks: Tuple[Check, ...]
    match: str = "all"


@dataclass(frozen=True)
class Period:
    """The months in which a time-limited policy could be claimed (``YYYY-MM``, both included)."""

    start: str
    end: str
    text: str


@dataclass(frozen=True)
class Eligibility:
    """A benefit's conditions as checks on a person's case.

    Every check must hold, and when there are groups the person must be in one of
    them. ``unchecked`` are conditions the assistant cannot test (registration …).
    """

    section: str
    checks: Tuple[Check, ...] = ()
    groups: Tuple[CheckGroup, ...] = ()
    period: Optional[Period] = None
    unchecked: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    """A variant of a section for one kind of person (``when``: fact name -> values)."""

    when: Dict[str, Tuple[str, ...]]
    text: str


@dataclass(frozen=True)
class Point:
    """A guide's short answer to a precise question (``id`` in ``questions.yml``).

    ``office_text``, when given, is used once the person's area is known, filled with
    that office's ``{office}`` and ``{bank}``. ``partial``: the guide answers only part of
    the question (the text says what it does not say), so the reply names who can answer.
    """

    id: str
    section: str
    text: str
    office_text: Optional[str] = None
    partial: bool = False


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
    eligibility: Optional[Eligibility] = None
    points: Tuple[Point, ...] = ()
    # Sections the guide writes once for all its benefits ("二、办理材料"), answered from
    # the benefit ``procedure_of`` names, with a line saying the guide does not separate them.
    procedure_of: Optional[str] = None
    procedure: Tuple[str, ...] = ()


@dataclass(frozen=True)
class OfficeSettings:
    """How a region's office table is extracted and named."""

    format: str
    section: str
    main_office: Optional[str] = None
    # How the guide's table ranks them: "省级机构" / "市级机构" and "各市县" / "各区县".
    main_office_label: Optional[str] = None
    areas_label: Optional[str] = None
    # what the guide's office list is ("区县人社局"), and what it does not give
    list_label: Optional[str] = None
    list_note: Optional[str] = None
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
    # With phone_area_code: shown beside numbers it was added to (the guide has none).
    phone_area_code_note: Optional[str] = None


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
    """The nationwide hotline: general knowledge, not from a guide (``note`` says so)."""

    number: str
    name: str
    note: str


@dataclass(frozen=True)
class Question:
    """A precise question people ask (``questions.yml``): its cues, and how replies name it."""

    id: str
    label: str
    # none for a question only said beside another answer (``insured_elsewhere``)
    cues: Tuple[str, ...] = ()
    # narrower questions that, read in the same message, make this one redundant
    unless: Tuple[str, ...] = ()
    # A topic that answers it better where the region's guide has that topic's section
    # ("过期了还能补领吗" in Ningbo: the 60-day deadline, worked out for the person).
    topic: Optional[str] = None
    section: Optional[str] = None


@dataclass(frozen=True)
class Questions:
    """The inventory of precise questions, in the order they are tried, and topic labels."""

    questions: Tuple[Question, ...]
    topics: Dict[str, str] = field(default_factory=dict)


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


@dataclass(frozen=True)
class Term:
    """One value of a case fact: how replies name it, and the phrases people type for it."""

    label: str
    phrases: Tuple[str, ...]
    button: Optional[str] = None
    # A value that leaves open what decides ("辞职" without the reason): a specific value
    # named in the same message wins, and ``answers`` are the values asked about.
    vague: bool = False
    answers: Tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseTerms:
    """The words people use for their own case (``case_terms.yml``), by fact and value."""

    separation: Dict[str, Term]
    person: Dict[str, Term]
    hukou: Dict[str, Term]
    work_kind: Dict[str, Term]
    # The separations offered as buttons when the assistant asks how the job ended.
    separation_answers: Tuple[str, ...] = ()
    # Documents people name ("身份证", "离职证明"): the terms document items consist of.
    documents: Dict[str, Term] = field(default_factory=dict)

    def facts(self) -> Dict[str, Dict[str, Term]]:
        """Every fact's table, by the fact's name (also its entity name)."""
        return {
            "separation": self.separation,
            "person": self.person,
            "hukou": self.hukou,
            "work_kind": self.work_kind,
        }
