"""markdownlint for the Markdown export: find it, install it, run it.

markdownlint-cli is an npm package. It is installed, at the version locked in
``tests/markdownlint/package-lock.json``, into the virtual environment that runs the tests
(``<venv>/markdownlint``), so nothing lands in the working tree and ``make clean`` removes it:

    python tests/lint_markdown.py install      # npm ci; explains and exits 0 without npm/network
    python tests/lint_markdown.py FILE.md ...  # lint with tests/markdownlint.json

The pin is the newest markdownlint-cli whose whole dependency tree runs on Node 20 (0.48.0;
0.49 asks for Node 22). Its ``run-con ~1.3.2`` would resolve to 1.3.3, which pulls ``ini``
7 (Node 22 only), so ``package.json`` overrides run-con to 1.3.2 (``ini`` 4.1) — still inside
the range markdownlint-cli asks for. ``npm install --engine-strict`` in this folder checks it.

The test ``tests/domain/test_markdown_lint.py`` uses ``find_markdownlint`` and is skipped, saying why,
when no markdownlint can be found. ``MARKDOWNLINT=/path/to/markdownlint`` overrides the search.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "markdownlint.json"
PACKAGE = HERE / "markdownlint"
INSTALL_DIR = Path(sys.prefix) / "markdownlint"
BINARY = INSTALL_DIR / "node_modules" / ".bin" / "markdownlint"


def find_markdownlint() -> str | None:
    """The markdownlint executable: $MARKDOWNLINT, the venv's copy, or one on PATH."""
    override = os.environ.get("MARKDOWNLINT")
    if override:
        return override
    if BINARY.exists() and shutil.which("node"):
        return str(BINARY)
    return shutil.which("markdownlint")


def install() -> int:
    """Install the locked markdownlint-cli into the venv (once); 0 unless npm itself fails."""
    npm = shutil.which("npm")
    if npm is None:
        print("markdownlint: npm is not installed; the Markdown lint test will be skipped.")
        return 0
    lock = PACKAGE / "package-lock.json"
    stamp = INSTALL_DIR / ".installed-lock"
    if BINARY.exists() and stamp.exists() and stamp.read_bytes() == lock.read_bytes():
        return 0
    INSTALL_DIR.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(PACKAGE / name, INSTALL_DIR / name)
    result = subprocess.run([npm, "ci", "--prefix", str(INSTALL_DIR), "--no-audit", "--no-fund",
                             "--loglevel=error"], check=False)
    if result.returncode != 0:
        print("markdownlint: npm ci failed (offline?); the Markdown lint test will be skipped.")
        return 0
    shutil.copyfile(lock, stamp)
    return 0


def lint(paths: list[str]) -> subprocess.CompletedProcess[str]:
    binary = find_markdownlint()
    if binary is None:
        raise FileNotFoundError("markdownlint is not installed (python tests/lint_markdown.py install)")
    return subprocess.run([binary, "--config", str(CONFIG), *paths],
                          capture_output=True, text=True, check=False)


def main(argv: list[str]) -> int:
    if argv[:1] == ["install"]:
        return install()
    if not argv:
        print(__doc__)
        return 2
    result = lint(argv)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
