"""The evaluation API and engine against OpenFisca, side by side in one run, as ratios.

  .venv/bin/python bench/bench_api.py [--profiles 250] [--rounds 3] [--seconds 10]
  .venv/bin/python bench/bench_api.py profile [--profiles 250] [--view default]
                                    top entries of cProfile over the request path (POST /api/v1/evaluate, in-process)

Generates different enterprises of all five cities (bench/workload.py) and writes them as a JSON Lines bodies file,
then runs ../shared/bench/sidebyside_http.py (OpenFisca's web API and ours, both under gunicorn with 2 worker
processes, alternating rounds) for the default view and for view=full, and compares one in-process evaluation
with `openfisca_anchor.py single`, ours measured before and after it. Prints a table of ratios and the goals;
the figures also go to bench/results/. No answer is cached: every request body is a different enterprise.

Two arrangements are measured (`FLASK_ENGINE_CROSS_CHECK_EVERY`): durable-rules deciding every evaluation (the
compiled reference tests must agree), and durable-rules deciding 1 evaluation in SAMPLE_EVERY (the app's default),
the compiled reference tests the others. The API answers views made by Engine.view (only the detail each view
shows); the in-process figures give both the full result (Engine.evaluate, the goal's measure) and the default view.
"""
import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eligibility.engine import Engine  # noqa: E402
from eligibility.profile import Profile  # noqa: E402
from eligibility.web.result_json import ResultEncoder  # noqa: E402
from workload import bodies  # noqa: E402

SHARED = ROOT.parent / "shared" / "bench"
RESULTS = ROOT / "bench" / "results"
SERVER = 'gunicorn -w {workers} -b 127.0.0.1:{port} "eligibility.web:create_app()"'
# The two arrangements, as the app is configured for them (see README: FLASK_ENGINE_CROSS_CHECK_EVERY).
ARRANGEMENTS = {"every": {"FLASK_ENGINE_CROSS_CHECK_EVERY": "1"}, "sampled": {"FLASK_ENGINE_CROSS_CHECK_EVERY": "10"}}
GOALS = {"default_rps": 2.0, "default_p99": 1.0, "full_rps": 1.0, "in_process": 3.0}
SAMPLE_EVERY = 10


def write_bodies(count: int, folder: Path) -> Path:
    """The request bodies as JSON Lines, one different enterprise a line."""
    path = folder / "bodies.jsonl"
    made = bodies(count)
    cities = {body["profile"]["division_code"][:4] for body in made}
    assert len(made) == len({json.dumps(b, sort_keys=True) for b in made}) and len(cities) == 5
    path.write_text("".join(json.dumps(b, ensure_ascii=False) + "\n" for b in made), encoding="utf-8")
    return path


def side_by_side(server: str, path: str, bodies_file: Path, rounds: int, seconds: float, env: dict) -> dict:
    """One sidebyside_http.py run against our gunicorn server; its closing JSON line."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [sys.executable, str(SHARED / "sidebyside_http.py"),
               "--cmd", server.replace("gunicorn", str(gunicorn), 1), "--path", path, "--bodies", str(bodies_file),
               "--cwd", str(ROOT), "--rounds", str(rounds), "--seconds", str(seconds)]
    print("$", " ".join(command), flush=True)
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    print(done.stdout, end="", flush=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def our_work(count: int) -> list[tuple[Profile, date]]:
    return [(Profile.model_validate(b["profile"]), date.fromisoformat(b["as_of"])) for b in bodies(count)]


def ms_per_enterprise(engine: Engine, work: list, passes: int = 5, view: str | None = None) -> float:
    """Mean milliseconds of one in-process evaluation (the full result), or of one view as the API makes and
    encodes it (Engine.view, when a view is named), median over passes."""
    encoder = ResultEncoder(engine.static_parts.values())

    def once(profile: Profile, as_of: date) -> None:
        if view:
            encoder.encode_view(engine.view(profile, as_of, view))
        else:
            engine.evaluate(profile, as_of)
    for profile, as_of in work[:50]:
        once(profile, as_of)
    means = []
    for _ in range(passes):
        start = time.perf_counter()
        for profile, as_of in work:
            once(profile, as_of)
        means.append((time.perf_counter() - start) / len(work) * 1000)
    return statistics.median(means)


def openfisca_single() -> dict:
    done = subprocess.run([sys.executable, str(SHARED / "openfisca_anchor.py"), "single"], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def in_process(count: int) -> dict:
    """Ours in both arrangements, measured before and after OpenFisca's single call; ratios OpenFisca/ours."""
    work = our_work(count)
    every, sampled = Engine.from_folder(), Engine.from_folder(cross_check_every=SAMPLE_EVERY)
    before = {"every": ms_per_enterprise(every, work), "sampled": ms_per_enterprise(sampled, work)}
    anchor = openfisca_single()
    after = {"every": ms_per_enterprise(every, work), "sampled": ms_per_enterprise(sampled, work)}
    found = {"openfisca_ms": anchor["per_call_ms"], "openfisca": anchor,
             "every_default_view_ms": ms_per_enterprise(every, work, view="default"),
             "sampled_default_view_ms": ms_per_enterprise(sampled, work, view="default"),
             "reference_only_ms": ms_per_enterprise(Engine.from_folder(backend="reference"), work)}
    for name in before:
        ours = (before[name] + after[name]) / 2
        found[name] = {"ms": ours, "before_ms": before[name], "after_ms": after[name],
                       "ratio": anchor["per_call_ms"] / ours}
    return found


def table(http: dict, local: dict) -> str:
    """The figures and the goals, as ratios of the same run, for each arrangement."""
    def row(name, ours, theirs, ratio, goal=None, better_high=True):
        if goal is None:
            return f"| {name} | {ours:,.1f} | {theirs:,.1f} | {ratio:.2f} | — | — |"
        met = ratio >= goal if better_high else ratio <= goal
        sign = "≥" if better_high else "≤"
        return f"| {name} | {ours:,.1f} | {theirs:,.1f} | {ratio:.2f} | {sign} {goal:.2f} | {'yes' if met else 'NO'} |"
    lines = ["| arrangement | measure | ours | OpenFisca | ratio | goal | met |", "|---|---|---|---|---|---|---|"]
    for name, label in (("every", "durable-rules every call"), ("sampled", f"durable-rules 1 in {SAMPLE_EVERY}")):
        if name not in http:
            continue
        default, full = http[name]["default"], http[name]["full"]
        d_o, d_f = default["medians"]["ours"], default["medians"]["openfisca"]
        f_o, f_f = full["medians"]["ours"], full["medians"]["openfisca"]
        lines += [f"| {label} " + line for line in (
            row("default view, req/s", d_o["rps"], d_f["rps"], default["ratio_rps"], GOALS["default_rps"]),
            row("default view, p99 ms", d_o["p99_ms"], d_f["p99_ms"], default["ratio_p99"], GOALS["default_p99"],
                False),
            row("view=full, req/s", f_o["rps"], f_f["rps"], full["ratio_rps"], GOALS["full_rps"]),
            row("view=full, p99 ms", f_o["p99_ms"], f_f["p99_ms"], full["ratio_p99"]),
            row("in-process ms/enterprise (ratio OpenFisca/ours)", local[name]["ms"], local["openfisca_ms"],
                local[name]["ratio"], GOALS["in_process"]),
            row("in-process default view made and encoded, ms", local[f"{name}_default_view_ms"],
                local["openfisca_ms"], local["openfisca_ms"] / local[f"{name}_default_view_ms"]))]
    return "\n".join(lines)


def profile(count: int, view: str, top: int = 25) -> None:
    """cProfile's top entries over the request path: POST /api/v1/evaluate?view=VIEW through the app as configured
    (Flask's test client; the request log goes to stderr as in production), each a different generated enterprise."""
    from eligibility.web import create_app
    with tempfile.TemporaryDirectory(prefix="bench-api-") as folder:
        os.environ.update(FLASK_SECRET_KEY="bench-only-not-secret-" * 2, FLASK_RATELIMIT_ENABLED="false",
                          DATABASE_URL=f"sqlite:///{Path(folder) / 'bench.db'}")
        app = create_app()
        client = app.test_client()
        made = [json.dumps(body, ensure_ascii=False).encode() for body in bodies(count)]
        path = f"/api/v1/evaluate?view={view}"
        for body in made:
            assert client.post(path, data=body, content_type="application/json").status_code == 200
        start = time.process_time()
        for body in made:
            client.post(path, data=body, content_type="application/json")
        print(f"{(time.process_time() - start) / len(made) * 1000:.3f} ms CPU a request (test client included, "
              f"no profiler), view={view}, {len(made)} enterprises")
        profiler = cProfile.Profile()
        profiler.enable()
        for body in made:
            client.post(path, data=body, content_type="application/json")
        profiler.disable()
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(top)
        print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", default="run", choices=["run", "profile"])
    parser.add_argument("--profiles", type=int, default=250)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--arrangements", default="every,sampled", help="every, sampled, or both (comma-separated)")
    parser.add_argument("--view", default="default", choices=["default", "full", "summary"], help="profile: the view")
    parser.add_argument("--gunicorn-args", default="",
                        help="more gunicorn options for our server, e.g. '--max-requests 0' (default: as configured "
                             "in gunicorn.conf.py, which recycles each worker after about 2,000 requests)")
    args = parser.parse_args()
    if args.command == "profile":
        profile(args.profiles, args.view)
        return
    print("load average at start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()), flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-api-") as folder:
        bodies_file = write_bodies(args.profiles, Path(folder))
        # One client address sends hundreds of requests a second: the per-address limit (120/minute) would refuse
        # them, so it is off here; the request logs stay on, as in production.
        env = dict(os.environ, FLASK_SECRET_KEY="bench-only-not-secret-" * 2, FLASK_RATELIMIT_ENABLED="false",
                   DATABASE_URL=f"sqlite:///{Path(folder) / 'bench.db'}")
        server = (SERVER.replace(' "eligibility', f' {args.gunicorn_args} "eligibility') if args.gunicorn_args
                  else SERVER)
        http = {name: {view: side_by_side(server, path, bodies_file, args.rounds, args.seconds, {**env, **extra})
                       for view, path in (("default", "/api/v1/evaluate"), ("full", "/api/v1/evaluate?view=full"))}
                for name, extra in ARRANGEMENTS.items() if name in args.arrangements}
    local = in_process(args.profiles)
    print(json.dumps({"in_process": local}))
    text = table(http, local)
    print(text)
    print("load average at end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"bench_api-{stamp}.json").write_text(json.dumps(
        {"profiles": args.profiles, "gunicorn_args": args.gunicorn_args, "load_average": os.getloadavg(), "http": http,
         "in_process": local, "table": text},
        ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
