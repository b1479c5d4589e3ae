"""Hypothesis strategies for generated enterprise profiles, shared by the tests that compare evaluators."""
from datetime import date, timedelta

from hypothesis import strategies as st

from eligibility.creditcode import check_character
from eligibility.profile import Profile
from eligibility.vocabulary import divisions, vocabulary

CITIES = list(divisions())
COUNTIES = [code for city in divisions().values() for code in city["counties"]]
RECOGNITIONS = [(kind, level) for kind, spec in vocabulary()["recognition_kinds"].items() for level in spec["levels"]]
CONTROLLERS = ["private", "state", "foreign", "collective"]
NEAR_THRESHOLDS = [900_000_000, 1_000_000_000, 1_000_000_001, 2_000_000_000, 2_000_000_001, 5_000_000_000,
                   5_000_000_001]
dates = st.dates(min_value=date(2014, 1, 1), max_value=date(2023, 12, 31))
amounts = st.one_of(st.none(), st.sampled_from([0, 1, 9_999_999, 10_000_000, 10_000_001]), st.integers(0, 10**9))


@st.composite
def profiles(draw) -> Profile:
    """Profiles around the thresholds and period edges, with unknown answers mixed in."""
    recognitions = st.builds(
        lambda kl, d, days, renews: {"kind": kl[0], "level": kl[1], "obtained_on": d,
                                     "valid_until": None if days is None else d + timedelta(days=days),
                                     "renewal_of": "原称号" if renews else None},
        st.sampled_from(RECOGNITIONS), dates, st.one_of(st.none(), st.integers(0, 2000)), st.booleans())
    projects = st.builds(
        lambda kind, d, inv, nat, prov: {"name": "项目", "kind": kind, "approved_on": d, "new_investment_yuan": inv,
                                         "national_grant_yuan": nat, "provincial_grant_yuan": prov},
        st.sampled_from(list(vocabulary()["project_kinds"])), dates, amounts, amounts, amounts)
    sales = st.dictionaries(st.integers(2014, 2023),
                            st.one_of(st.sampled_from(NEAR_THRESHOLDS), st.integers(0, 6 * 10**9)), max_size=6)
    ownership = draw(st.one_of(st.none(), st.sampled_from(list(vocabulary()["ownerships"]))))
    return Profile.model_validate({
        "name": "生成的企业", "credit_code": "91350100M000100Y43",
        "division_code": draw(st.sampled_from(CITIES + COUNTIES + ["110101"])),
        "entity_kind": draw(st.sampled_from(list(vocabulary()["entity_kinds"]))),
        "strategic_emerging": draw(st.one_of(st.none(), st.booleans())),
        "above_designated_size": draw(st.one_of(st.none(), st.booleans())),
        "ownership": ownership,
        "controlled_by": draw(st.one_of(st.none(), st.sampled_from(CONTROLLERS))) if ownership == "mixed" else None,
        "scale": draw(st.one_of(st.none(), st.sampled_from(list(vocabulary()["scales"])))),
        "industry_code": draw(st.one_of(st.none(), st.sampled_from(["C38", "C39", "C27", "C3811", "I65"]))),
        "sector_tags": draw(st.one_of(st.none(), st.lists(st.sampled_from(list(vocabulary()["sector_tags"])),
                                                          max_size=4))),
        "sales_yuan_by_year": draw(st.one_of(st.none(), sales)),
        "recognitions": draw(st.one_of(st.none(), st.lists(recognitions, max_size=6))),
        "projects": draw(st.one_of(st.none(), st.lists(projects, max_size=3))),
    })


as_of_dates = st.dates(min_value=date(2016, 1, 1), max_value=date(2027, 12, 31))


def credit_code(number: int) -> str:
    """A valid credit code, different for each number."""
    first = f"91350100M{number:08d}"
    return first + check_character(first)


@st.composite
def registries(draw, min_size: int = 1, max_size: int = 30) -> list[Profile]:
    """A registry: generated profiles (all five cities and one not covered), each with its own credit code."""
    found = draw(st.lists(profiles(), min_size=min_size, max_size=max_size))
    return [p.model_copy(update={"credit_code": credit_code(i), "name": f"生成的企业{i}"}) for i, p in enumerate(found)]
