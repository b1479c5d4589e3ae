"""Benchmark: screening generated registries of 10^4, 10^5 and 10^6 enterprises, side by side with OpenFisca.

Run: .venv/bin/python bench/bench_screen.py [--sizes 10000 100000 1000000] [--as-of 2020-12-31] [--json PATH]

For each size, in a fresh process (so peak memory is that size's own): end to end from Parquet tables (read and
validate with the profile's rules, canonical tables, facts, statuses of every rule of every city, totals, write the
long Parquet result and the totals), then rules only (facts, statuses and totals over the loaded tables, again).
Then ../shared/bench/openfisca_anchor.py batch N for the same N, in the same run, and the ratios.
"""
import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
ANCHOR = HERE.parent.parent / "shared" / "bench" / "openfisca_anchor.py"


def one(n: int, as_of: date, folder: Path) -> dict:
    """Measure one size in this process; the registry is generated first (not timed)."""
    from eligibility.engine import RULES_DIR
    from eligibility.rulebook import load_rulebook
    from eligibility.screening.outputs import write_parquet
    from eligibility.screening.run import run_queries, screen
    from registry_gen import generate
    paths = generate(folder / f"registry-{n}", n)
    rulebook = load_rulebook(RULES_DIR)
    start = time.perf_counter()
    screening = screen(paths["enterprises"], as_of, rulebook=rulebook)
    screened = time.perf_counter()
    write_parquet(screening, folder / f"result-{n}.parquet")
    end = time.perf_counter()
    rows, = screening.db.rows("SELECT count(*) FROM r_outcomes")[0]
    again = time.perf_counter()
    run_queries(screening.db, screening.plan, as_of)
    rules_only = time.perf_counter() - again
    return {"n": n, "load_validate_s": screening.seconds["load"], "rules_s": screening.seconds["rules"],
            "write_s": end - screened, "end_to_end_s": end - start, "rules_only_s": rules_only,
            "listed_outcomes": rows, "rejected_rows": len(screening.loaded.errors),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def anchor(n: int) -> dict | None:
    """OpenFisca's vectorised batch for the same n, or None when the anchor cannot run here."""
    if not ANCHOR.exists():
        return None
    done = subprocess.run([sys.executable, str(ANCHOR), "batch", str(n)], capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2020, 12, 31))
    parser.add_argument("--json", type=Path, help="also write the measurements (and the command) to this JSON file")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.as_of, args.folder)))
        return
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-screen-") as folder:
        for n in args.sizes:
            done = subprocess.run([sys.executable, __file__, "--one", str(n), "--as-of", args.as_of.isoformat(),
                                   "--folder", folder], capture_output=True, text=True, check=True)
            ours = json.loads(done.stdout.strip().splitlines()[-1])
            ours["openfisca"] = anchor(n)
            rows.append(ours)
            print(json.dumps(ours), file=sys.stderr)
    if args.json:
        import duckdb
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "command": " ".join([Path(sys.executable).name, *sys.argv]), "as_of": args.as_of.isoformat(),
            "machine": {"cpus": os.cpu_count(), "load_average_at_end": os.getloadavg(),
                        "python": platform.python_version(), "duckdb": duckdb.__version__,
                        "platform": platform.platform()},
            "rows": rows}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"as of {args.as_of}: every rule of the five cities decided (those not in force on the date are "
          f"not_in_force), exact integer yuan, a status for every rule")
    print("| N | end to end (s) | end to end /s | load+validate (s) | facts+rules (s) | write (s) | rules only /s "
          "| peak RSS (MB) | OpenFisca end to end /s | OpenFisca calc /s | ratio end to end | ratio rules |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        of = r["openfisca"] or {}
        ours_e2e, ours_rules = r["n"] / r["end_to_end_s"], r["n"] / r["rules_only_s"]
        ratio = f"{ours_e2e / of['end_to_end_per_s']:.2f}" if of else "–"
        ratio_rules = f"{ours_rules / of['calc_per_s']:.2f}" if of else "–"
        print(f"| {r['n']:,} | {r['end_to_end_s']:.2f} | {ours_e2e:,.0f} | {r['load_validate_s']:.2f} | "
              f"{r['rules_s']:.2f} | {r['write_s']:.2f} | {ours_rules:,.0f} | {r['peak_rss_mb']:,.0f} | "
              f"{of.get('end_to_end_per_s', 0):,.0f} | {of.get('calc_per_s', 0):,.0f} | {ratio} | {ratio_rules} |")


if __name__ == "__main__":
    main()
