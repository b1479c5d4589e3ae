"""Realistic generated enterprises of all five cities, as API request bodies, for benchmarks and profiling.

Each body is `{"profile": …, "as_of": …}` with `as_of` inside the counted period of the city's document: sales
years around the thresholds the rules test (at, one yuan above, just below; some years unreported), recognitions
of the kinds and levels the rules name (renewals and expired certificates among them), projects with grants.
Deterministic for a seed, so two runs load the same work.
"""
import random
from datetime import date, timedelta

from eligibility import clock
from eligibility.creditcode import ALPHABET, check_character
from eligibility.engine import RULES_DIR
from eligibility.rulebook import load_rulebook
from eligibility.vocabulary import divisions, industries, vocabulary

THRESHOLDS = [1_000_000_000, 2_000_000_000, 5_000_000_000]
CONTROLLERS = ["private", "state", "foreign", "collective"]


def credit_code(rng: random.Random, division: str) -> str:
    """A valid 统一社会信用代码 registered in the division."""
    body = "91" + division + "".join(rng.choice(ALPHABET) for _ in range(9))
    return body + check_character(body)


def _day_between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _sales(rng: random.Random, first: int, last: int) -> dict[str, int]:
    """Sales by year rising around a threshold, with an unreported year now and then."""
    threshold = rng.choice(THRESHOLDS)
    level = threshold * rng.choice([0.5, 0.7, 0.85, 0.95])
    sales = {}
    for year in range(first, last + 1):
        if rng.random() < 0.12:
            continue  # not reported: the first crossing may become undeterminable
        pick = rng.random()
        if pick < 0.15:
            value = threshold  # exactly the threshold: not "突破"
        elif pick < 0.25:
            value = threshold + 1
        else:
            value = int(level)
        sales[str(year)] = max(0, int(value))
        level *= rng.uniform(0.95, 1.35)
    return sales


def _recognitions(rng: random.Random, start: date, as_of: date, today: date) -> list[dict]:
    kinds = [(kind, level) for kind, spec in vocabulary()["recognition_kinds"].items() for level in spec["levels"]]
    held = []
    for _ in range(rng.choice([0, 1, 2, 2, 3, 4, 6])):
        kind, level = rng.choice(kinds)
        obtained = min(_day_between(rng, start - timedelta(days=900), as_of), today)
        item = {"kind": kind, "level": level, "obtained_on": obtained.isoformat()}
        if rng.random() < 0.3:
            item["valid_until"] = (obtained + timedelta(days=rng.choice([365, 1095, 1460]))).isoformat()
        if rng.random() < 0.2:
            item["renewal_of"] = f"{kind}-{obtained.year - 3}"  # a review or renewal, not a new title
        if rng.random() < 0.5:
            item["document_number"] = f"工信〔{obtained.year}〕{rng.randint(1, 300)}号"
        held.append(item)
    return held


def _projects(rng: random.Random, start: date, as_of: date, today: date) -> list[dict]:
    kinds = list(vocabulary()["project_kinds"])
    found = []
    for index in range(rng.choice([0, 0, 1, 1, 2, 3])):
        approved = min(_day_between(rng, start - timedelta(days=400), as_of), today)
        project = {"name": f"项目{index + 1}", "kind": rng.choice(kinds), "approved_on": approved.isoformat()}
        for name, high in (("new_investment_yuan", 60_000_000), ("national_grant_yuan", 8_000_000),
                           ("provincial_grant_yuan", 3_000_000)):
            if rng.random() < 0.7:
                project[name] = rng.choice([0, 10_000_000, 10_000_001, rng.randint(0, high)])
        found.append(project)
    return found


def bodies(count: int = 250, seed: int = 12) -> list[dict]:
    """`count` different request bodies, the five cities in turn."""
    rng = random.Random(seed)
    today = clock.today()
    book = load_rulebook(RULES_DIR)
    periods = {doc.jurisdiction.division_code: doc.period for doc in book.documents.values()}
    cities = sorted(divisions())
    tags = list(vocabulary()["sector_tags"])
    codes = [code for code in industries() if code.startswith("C")] + ["I65", "M73", "F51"]
    made = []
    for index in range(count):
        city = cities[index % len(cities)]
        period = periods[city]
        end = min(period.to or today, today)
        as_of = _day_between(rng, period.from_, end)
        division = rng.choice([city, *divisions()[city]["counties"]])
        ownership = rng.choice([None, "private", "private", "state", "mixed", "foreign"])
        profile = {
            "name": f"{divisions()[city]['name']}测算企业{index:04d}",
            "credit_code": credit_code(rng, division),
            "division_code": division,
            "entity_kind": rng.choices(["enterprise", "institution", "park_management"], [0.9, 0.05, 0.05])[0],
            "strategic_emerging": rng.choice([True, True, False, None]),
            "industry_code": rng.choice([None, *codes]),
            "sector_tags": rng.choice([None, [], rng.sample(tags, rng.randint(1, 4))]),
            "above_designated_size": rng.choice([True, False, None]),
            "scale": rng.choice([None, "large", "medium", "small", "micro"]),
            "ownership": ownership,
            "controlled_by": rng.choice([None, *CONTROLLERS]) if ownership == "mixed" else None,
            "sales_yuan_by_year": (_sales(rng, period.from_.year - 3, as_of.year) if rng.random() < 0.85 else None),
            "recognitions": _recognitions(rng, period.from_, as_of, today) if rng.random() < 0.9 else None,
            "projects": _projects(rng, period.from_, as_of, today) if rng.random() < 0.85 else None,
        }
        made.append({"profile": profile, "as_of": as_of.isoformat()})
    return made
