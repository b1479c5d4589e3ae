"""Benchmark: evaluations/s (durable-rules vs reference), HTTP API latency, and rule start-up time.

Run: .venv/bin/python bench/bench_engine.py [--seconds 5] [--requests 300]
"""
import argparse
import json
import logging
import statistics
import sys
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from werkzeug.serving import make_server

from app import create_app
from eligibility.engine import RULES_DIR, Engine
from eligibility.profile import Profile

AS_OF = date(2021, 6, 30)
PROFILES = [
    {"name": "许昌某电气公司", "credit_code": "91350100M000100Y43", "division_code": "411003",
     "strategic_emerging": True,
     "sales_yuan_by_year": {"2017": 700000000, "2018": 900000000, "2019": 1200000000, "2020": 2100000000},
     "recognitions": [{"kind": "smart_factory", "level": "provincial", "obtained_on": "2019-05-20"},
                      {"kind": "service_mfg_demo", "level": "national", "obtained_on": "2020-03-01"}],
     "projects": [{"name": "强基", "kind": "industrial_foundation", "approved_on": "2018-05-01",
                   "national_grant_yuan": 8000000}]},
    {"name": "许昌某园区", "credit_code": "91350100M000100Y43", "division_code": "411082",
     "entity_kind": "park_management", "recognitions": [{"kind": "industrialization_demo_base", "level": "national",
                                                         "obtained_on": "2018-12-01"}], "projects": []},
    {"name": "包头某稀土公司", "credit_code": "91350100M000100Y43", "division_code": "150203", "industry_code": "C32",
     "sector_tags": ["rare_earth_materials", "new_materials"], "above_designated_size": True, "scale": "medium",
     "recognitions": [], "projects": []},
    {"name": "新乡某公司", "credit_code": "91350100M000100Y43", "division_code": "410702", "scale": "small",
     "sector_tags": ["biomedicine"], "industry_code": "C27", "above_designated_size": True},
    {"name": "宁波某纺织公司", "credit_code": "91350100M000100Y43", "division_code": "330212",
     "sector_tags": ["textile_apparel"], "industry_code": "C17", "recognitions": []},
]


def evaluations_per_second(engine: Engine, profiles: list[Profile], seconds: float) -> float:
    """Whole evaluations (facts, backend, cross-check, result) per second, cycling through the profiles."""
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        engine.evaluate(profiles[count % len(profiles)], AS_OF)
        count += 1
    return count / (time.perf_counter() - start)


def backend_per_second(engine: Engine, profiles: list[Profile], seconds: float) -> float:
    """Backend matching alone (which rules fire) per second."""
    facts = [engine.facts(p, AS_OF) for p in profiles]
    backends = [engine.backends[f.enterprise["city_code"]] for f in facts]
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        backends[count % len(facts)].fired(facts[count % len(facts)].subjects())
        count += 1
    return count / (time.perf_counter() - start)


def http_latencies(requests: int) -> list[float]:
    """Milliseconds per POST /api/v1/evaluate through a real threaded Werkzeug server on loopback."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, create_app({"SECRET_KEY": "bench"}), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/api/v1/evaluate"
    times = []
    try:
        for i in range(requests):
            body = json.dumps({"profile": PROFILES[i % len(PROFILES)], "as_of": AS_OF.isoformat()}).encode()
            req = urllib.request.Request(url, body, {"Content-Type": "application/json"})
            start = time.perf_counter()
            with urllib.request.urlopen(req, timeout=10) as response:  # noqa: S310 (http://127.0.0.1 of our own)
                response.read()
            times.append((time.perf_counter() - start) * 1000)
    finally:
        server.shutdown()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    start = time.perf_counter()
    durable = Engine.from_folder(RULES_DIR, "durable")
    startup_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    reference = Engine.from_folder(RULES_DIR, "reference")
    startup_ref_ms = (time.perf_counter() - start) * 1000
    profiles = [Profile.model_validate(p) for p in PROFILES]
    book = durable.rulebook
    print(f"rules: {len(durable.rules)} in {len(book.documents)} documents, version {book.version}")
    print(f"start-up (load + validate + compile): durable-rules {startup_ms:.0f} ms, reference {startup_ref_ms:.0f} ms")
    print(f"backend matching only: durable-rules {backend_per_second(durable, profiles, args.seconds):,.0f}/s, "
          f"reference {backend_per_second(reference, profiles, args.seconds):,.0f}/s")
    print(f"full evaluation (facts, match, cross-check, traces): durable-rules "
          f"{evaluations_per_second(durable, profiles, args.seconds):,.0f}/s, "
          f"reference {evaluations_per_second(reference, profiles, args.seconds):,.0f}/s")
    times = sorted(http_latencies(args.requests))
    print(f"HTTP POST /api/v1/evaluate x{len(times)}: median {statistics.median(times):.1f} ms, "
          f"p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, max {times[-1]:.1f} ms")


if __name__ == "__main__":
    main()
