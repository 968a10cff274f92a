"""Resolving what users type to regions and areas."""

from __future__ import annotations

import pytest

from bot.knowledge.places import PlaceIndex, area_aliases


@pytest.fixture(scope="module")
def places(knowledge) -> PlaceIndex:
    """The place index over the repository's knowledge base."""
    return PlaceIndex(knowledge)


def every_office(knowledge):
    """(region id, office) for every office."""
    return [(rid, office) for rid, data in knowledge.regions.items() for office in data.offices]


def test_every_office_is_found_by_its_full_name(knowledge, places):
    for region_id, office in every_office(knowledge):
        query = places.resolve(f"{office.name}在哪里")
        assert [(a.region_id, a.office) for a in query.areas] == [(region_id, office)], office.name


def short_names(area: str) -> set:
    """What people type for an area, stated here independently of ``area_aliases``:
    the full name, the name without 区/县/市 (three characters or more), the part after a
    city name (吉林市丰满区 → 丰满区)."""
    names = {area}
    if "市" in area[:-1]:
        names.add(area.split("市", 1)[1])
    names |= {name[:-1] for name in list(names) if len(name) >= 3 and name[-1] in "区县市"}
    return names


@pytest.mark.parametrize(
    ("typed", "region", "area"),
    [
        ("北仑", "ningbo", "北仑区"),
        ("鄞州", "ningbo", "鄞州区"),
        ("奉化", "ningbo", "奉化市"),
        ("鹿城", "wenzhou", "鹿城区"),
        ("官渡", "kunming", "官渡区"),
        ("洮南", "jilin", "洮南市"),
    ],
)
def test_short_names_people_type(places, typed, region, area):
    query = places.resolve(f"{typed}的失业金在哪办")
    assert (region, area) in {(a.region_id, a.office.area) for a in query.areas}
    assert typed in area_aliases(area)


def test_every_office_is_found_by_each_short_name(knowledge, places):
    region_names = set(places.region_aliases())
    for region_id, office in every_office(knowledge):
        extra = set(knowledge.regions[region_id].region.offices.area_aliases.get(office.area, ()))
        for alias in (short_names(office.area) | extra) - region_names:
            query = places.resolve(alias, context_region=region_id)
            found = [a.office for a in query.areas] + [
                a.office for _, areas in query.ambiguous for a in areas
            ]
            assert office in found, (office.name, alias)


@pytest.mark.parametrize(
    ("text", "region", "area"),
    [
        ("温州鹿城区在哪办", "wenzhou", "鹿城区"),
        ("鹿城", "wenzhou", "鹿城区"),
        ("瓯海", "wenzhou", "瓯海区"),
        ("溫州市", "wenzhou", None),
        ("我在宁波", "ningbo", None),
        ("甬城", "ningbo", None),
        ("双阳", "jilin", "双阳"),
        ("长春双阳区社保", "jilin", "双阳"),
        ("珲春", "jilin", "琿春市"),
        ("琿春市", "jilin", "琿春市"),
        ("江源区", "jilin", "白山市江源区"),
        ("吉林市社保局电话", "jilin", "吉林市"),
        ("吉林省", "jilin", None),
        ("高新区", "ningbo", "国家高新区"),
        ("奉化区", "ningbo", "奉化市"),
        ("余姚市人社局", "ningbo", "余姚"),
        ("昆明盘龙区", "kunming", "盘龙区"),
        ("阳宗海", "kunming", "阳宗海"),
        ("宜良", "kunming", "宜良县"),
        # a county named after its prefecture's city is the place meant
        ("我在吉林四平梨树县", "jilin", "梨树县"),
        ("白山江源", "jilin", "白山市江源区"),
    ],
)
def test_resolution(places, text, region, area):
    query = places.resolve(text)
    assert query.region == region
    assert (query.areas[0].name if query.areas else None) == area


@pytest.mark.parametrize(
    ("text", "regions"),
    [("经开区", {"wenzhou", "kunming"}), ("通化", {"jilin"})],
)
def test_shared_area_name_is_ambiguous(places, text, regions):
    query = places.resolve(text)
    assert not query.areas
    ((_, areas),) = query.ambiguous
    assert {a.region_id for a in areas} == regions
    assert len(areas) == 2


@pytest.mark.parametrize(
    ("context", "office"),
    [("wenzhou", "温州经济开发区社保分局"), ("kunming", "经开区就业局失业保险科")],
)
def test_known_region_settles_a_shared_area(places, context, office):
    query = places.resolve("经开区", context_region=context)
    assert [a.office.name for a in query.areas] == [office]


@pytest.mark.parametrize(
    ("text", "name"), [("上海失业金", "上海"), ("我在杭州", "杭州"), ("广东", "广东")]
)
def test_uncovered_places_are_reported(places, text, name):
    query = places.resolve(text)
    assert query.uncovered == [name]
    assert query.region is None
