"""The GB/T 2260 administrative division codes (prefecture and county level) a profile may name."""
from functools import cache
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "gbt2260.tsv"


@cache
def divisions() -> dict[str, str]:
    """Every prefecture-level and county-level code with its full name."""
    found = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t")
            found[code] = name
    return found


def exists(code: str) -> bool:
    """Whether the code names a real prefecture-level or county-level division."""
    return code in divisions()
