"""The lock and pyproject.toml must agree; CI runs .ci/check_lock.py (make lint)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FILES = ["pyproject.toml", "requirements.txt", "requirements-dev.txt", "requirements-install.in"]


@pytest.fixture
def checkout(tmp_path) -> Path:
    for name in FILES:
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def check(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "check_lock.py"), str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_the_committed_lock_agrees_with_pyproject(checkout):
    result = check(checkout)
    assert result.returncode == 0, result.stderr


def test_a_range_the_lock_falls_outside_fails(checkout):
    edit(checkout / "pyproject.toml", '"Django>=5.2,<5.3"', '"Django>=6.0,<6.1"')
    result = check(checkout)
    assert result.returncode == 1
    assert "django==5.2" in result.stderr and "outside Django<6.1,>=6.0" in result.stderr


def test_a_new_dependency_missing_from_the_lock_fails(checkout):
    edit(checkout / "pyproject.toml", '"segno>=1.6,<2",', '"segno>=1.6,<2",\n    "qrcodegen>=1.8",')
    result = check(checkout)
    assert result.returncode == 1
    assert "requirements.txt: qrcodegen>=1.8 is not pinned" in result.stderr


def test_a_new_dev_tool_missing_from_the_dev_lock_fails(checkout):
    edit(checkout / "pyproject.toml", '"pytest>=8",', '"pytest>=8",\n    "pytest-xdist>=3",')
    result = check(checkout)
    assert result.returncode == 1
    assert "requirements-dev.txt: pytest-xdist>=3 is not pinned" in result.stderr


def test_locks_that_pin_a_package_differently_fail(checkout):
    lock = checkout / "requirements-dev.txt"
    line = next(line for line in lock.read_text().splitlines() if line.startswith("segno=="))
    edit(lock, line, "segno==1.6.0 \\")
    result = check(checkout)
    assert result.returncode == 1
    assert "segno should be pinned at" in result.stderr


def test_a_pin_without_a_hash_fails(checkout):
    lock = checkout / "requirements.txt"
    hashes_of_segno = r"(\nsegno==\S+) \\\n(?:    --hash=\S+(?: \\)?\n)+"
    unhashed = re.sub(hashes_of_segno, r"\1\n", lock.read_text())
    assert unhashed != lock.read_text()
    lock.write_text(unhashed)
    result = check(checkout)
    assert result.returncode == 1
    assert "requirements.txt: segno has no hash" in result.stderr
