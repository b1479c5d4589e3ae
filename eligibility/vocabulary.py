"""The profile's controlled vocabulary (kinds, levels, divisions), loaded from data files."""
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"


@cache
def vocabulary() -> dict:
    """Recognition kinds, project kinds, levels and entity kinds with their labels."""
    return yaml.safe_load((DATA / "vocabulary.yaml").read_text(encoding="utf-8"))


@cache
def divisions() -> dict[str, dict]:
    """City division codes mapped to their name and counties."""
    return yaml.safe_load((DATA / "divisions.yaml").read_text(encoding="utf-8"))


@cache
def industries() -> dict[str, str]:
    """GB/T 4754-2017 industry divisions (大类) mapped to their names."""
    return yaml.safe_load((DATA / "industries.yaml").read_text(encoding="utf-8"))


def division_name(code: str) -> str:
    """Chinese name of a city or county division code, or the code itself when unknown."""
    for city_code, city in divisions().items():
        if code == city_code:
            return city["name"]
        if code in city["counties"]:
            return city["name"] + city["counties"][code]
    return code


def city_of(division_code: str) -> str:
    """The city (prefecture) code a division belongs to: its first four digits and 00."""
    return division_code[:4] + "00"
