"""Command line: evaluate a profile file and print the result as JSON (python -m eligibility evaluate FILE)."""
import argparse
import json
import sys
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from .engine import RULES_DIR, Engine
from .errors import chinese_errors
from .profile import Profile
from .rulebook import RuleFileError

EXIT_INVALID = 2


def evaluate_file(path: Path, as_of: date | None, rules: Path = RULES_DIR, backend: str = "durable") -> tuple[int, str]:
    """Evaluate a profile file: (exit status, text to print); invalid input gives status 2 and a message."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return EXIT_INVALID, f"找不到文件:{path}"
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return EXIT_INVALID, f"{path} 不是有效的 JSON:{exc}"
    if isinstance(raw, dict) and "profile" in raw:
        as_of = as_of or (date.fromisoformat(raw["as_of"]) if raw.get("as_of") else None)
        raw = raw["profile"]
    try:
        profile = Profile.model_validate(raw)
    except ValidationError as exc:
        lines = [f"  {e.field}: {e.message}" for e in chinese_errors(exc)]
        return EXIT_INVALID, f"{path} 中的企业信息有误:\n" + "\n".join(lines)
    try:
        engine = Engine.from_folder(rules, backend)
    except RuleFileError as exc:
        return 1, f"规则文件有误:{exc}"
    return 0, engine.evaluate(profile, as_of).model_dump_json(indent=2)


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m eligibility`."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["screen"]:
        from .screening.cli import screen_command
        return screen_command.main(argv[1:], prog_name="python -m eligibility screen")
    parser = argparse.ArgumentParser(prog="python -m eligibility", description="企业奖补资格测算")
    commands = parser.add_subparsers(dest="command", required=True)
    evaluate = commands.add_parser("evaluate", help="测算一个企业信息 JSON 文件")
    evaluate.add_argument("profile", type=Path)
    evaluate.add_argument("--as-of", type=date.fromisoformat, default=None, help="测算日期 YYYY-MM-DD,默认今天")
    evaluate.add_argument("--rules", type=Path, default=RULES_DIR)
    evaluate.add_argument("--backend", choices=["durable", "reference"], default="durable")
    args = parser.parse_args(argv)
    status, text = evaluate_file(args.profile, args.as_of, args.rules, args.backend)
    print(text, file=sys.stdout if status == 0 else sys.stderr)
    return status
