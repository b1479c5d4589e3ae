#!/usr/bin/env python3
"""Set-up and run in one command: `python3 dev.py serve` starts the app, `python3 dev.py test` runs every test.

Both create .venv with a Python 3.11 or 3.12 (durable-rules does not import on 3.13) and install the project.
`test` also installs Debian's Chromium for the browser tests when it is missing (as root, with apt-get).
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
PYTHON = VENV / "bin" / "python"
STAMP = VENV / ".installed"
CHROMIUM = ("chromium", "chromium-browser")


def run(*cmd, **kwargs) -> None:
    """Run a command, echoing it, and stop on failure."""
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def supported_python() -> str:
    """A Python 3.11 or 3.12 interpreter: this one, or one found on PATH."""
    if (3, 11) <= sys.version_info[:2] <= (3, 12):
        return sys.executable
    for name in ("python3.12", "python3.11"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("需要 Python 3.11 或 3.12(durable-rules 不支持 3.13)。")


def ensure_venv() -> None:
    """Create the virtual environment and install the project when pyproject.toml changed."""
    if not PYTHON.exists():
        run(supported_python(), "-m", "venv", VENV)
    wanted = (HERE / "pyproject.toml").read_text(encoding="utf-8")
    if not STAMP.exists() or STAMP.read_text(encoding="utf-8") != wanted:
        run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run(PYTHON, "-m", "pip", "install", "--quiet", "-e", f"{HERE}[test]")
        STAMP.write_text(wanted, encoding="utf-8")


def ensure_chromium() -> None:
    """Install Debian's Chromium for the browser tests when it is missing and we may."""
    if any(shutil.which(name) for name in CHROMIUM):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print("未找到 Chromium,且无法自动安装:浏览器测试将跳过(CI 中则失败)。", file=sys.stderr)
        return
    run("apt-get", "update", "-qq")
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-noto-cjk",
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def serve(args: list[str]) -> int:
    """Start the app on http://127.0.0.1:5000 (SQLite and everything else in instance/)."""
    ensure_venv()
    return subprocess.call([str(PYTHON), "-m", "flask", "--app", "app", "run", *args], cwd=HERE)


def test(args: list[str]) -> int:
    """Run the whole suite: unit, BDD, API and browser tests, and the citation check."""
    ensure_venv()
    ensure_chromium()
    return subprocess.call([str(PYTHON), "-m", "pytest", *args], cwd=HERE)


def main() -> int:
    commands = {"serve": serve, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
