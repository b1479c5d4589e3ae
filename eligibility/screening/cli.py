"""`flask --app app screen REGISTRY --as-of … --out …` and `python -m eligibility screen …`: one click command."""
import sys
import time
from pathlib import Path

import click

from ..engine import RULES_DIR
from ..rulebook import RuleFileError, load_rulebook
from .outputs import summary, write
from .run import screen
from .validate import RegistryError

EXIT_INVALID = 2


@click.command("screen")
@click.argument("registry")
@click.option("--as-of", "as_of", required=True, type=click.DateTime(["%Y-%m-%d"]), help="测算日期 YYYY-MM-DD")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path),
              help="结果文件:.jsonl(每家企业一行)、.parquet 或 .xlsx;有误的行写入同名 .errors.jsonl")
@click.option("--city", default=None, help="只测算一个城市的企业:名称(许昌市)或代码(411000)")
@click.option("--database-url", default=None,
              help="在该数据库中测算(postgresql://…);REGISTRY 为其中存放四张表的 schema")
@click.option("--rules", "rules", type=click.Path(path_type=Path, file_okay=False), default=RULES_DIR,
              show_default=True, help="规则文件夹")
@click.option("--all-statuses", is_flag=True,
              help=".parquet/.xlsx 也写出不符合、不在施行期的规则(默认只写符合、可申报、待确定)")
def screen_command(registry, as_of, out, city, database_url, rules, all_statuses):
    """免申即享:用现行规则测算整个企业名录(REGISTRY:.jsonl、.xlsx、含 enterprises.parquet/csv 的文件夹)。"""
    try:
        rulebook = load_rulebook(rules)
    except RuleFileError as exc:
        click.echo(f"规则文件有误:{exc}", err=True)
        sys.exit(1)
    started = time.perf_counter()
    size = Path(registry).stat().st_size if Path(registry).is_file() else 0
    with click.progressbar(length=max(size, 1), label="读取并核对名录", file=sys.stderr) as bar:
        stages = {"n": 0}

        def progress(n: int) -> None:
            bar.update(n)

        def step(label: str, n: int) -> None:
            stages["n"] += 1
            if label == "load":
                bar.update(max(size, 1) - bar.pos)
                bar.label = "按城市测算"
        try:
            result = screen(registry, as_of.date(), rulebook=rulebook, city=city, database_url=database_url,
                            progress=progress, step=step)
        except (RegistryError, ValueError) as exc:
            click.echo(f"\n{exc}", err=True)
            sys.exit(EXIT_INVALID)
    cities = len(result.plan.queries(result.as_of, result.city))
    with click.progressbar(length=1, label=f"写出结果({cities}个城市已测算)", file=sys.stderr) as bar:
        try:
            written = write(result, out, all_statuses)
        except ValueError as exc:
            click.echo(f"\n{exc}", err=True)
            sys.exit(EXIT_INVALID)
        bar.update(1)
    for line in summary(result).lines():
        click.echo(line)
    click.echo(f"用时 {time.perf_counter() - started:.1f} 秒;写出:" + "、".join(str(p) for p in written))
