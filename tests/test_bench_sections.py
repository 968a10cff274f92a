"""Sections of the benchmark report that different runs write."""

from __future__ import annotations

from bench.sections import FUZZ_HEADING, section, with_section

DOC = "# Benchmarks\n\n## Load\n\nfast\n\n## Fuzzing\n\nold figures\n\n## NLU\n\nf1\n"


def test_a_section_is_found_up_to_the_next_heading():
    assert section(DOC, FUZZ_HEADING) == "## Fuzzing\n\nold figures\n"
    assert section(DOC, "## Missing") == ""


def test_a_section_is_replaced_in_place_or_appended():
    replaced = with_section(DOC, FUZZ_HEADING, "## Fuzzing\n\nnew figures\n")
    assert "old figures" not in replaced and replaced.index("new figures") < replaced.index(
        "## NLU"
    )
    appended = with_section("# B\n\n## Load\n", FUZZ_HEADING, "## Fuzzing\n\nx\n")
    assert appended.endswith("## Fuzzing\n\nx\n")
    assert with_section(DOC, FUZZ_HEADING, "") == DOC
