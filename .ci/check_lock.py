"""Fail when pyproject.toml and the lock (requirements*.txt) disagree.

Offline and deterministic: no registry is asked. It checks that
- every requirement in pyproject.toml (dependencies, the dev extra, the build
  backend) and in requirements-install.in is pinned in the lock that should
  hold it, at a version its range allows, with the requirements of the extras
  it asks for (django-allauth[mfa] brings fido2 ...) pinned too;
- every pin carries a hash;
- requirements-dev.txt holds every pin of requirements.txt, at the same version.
Transitive completeness is pip's job: `pip install --require-hashes` refuses a
lock that misses a dependency of anything in it.
"""

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

DEFAULT_ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s\\;]+)")


def read_lock(root: Path, name: str) -> tuple[dict[str, str], list[str]]:
    pins: dict[str, str] = {}
    problems: list[str] = []
    text = (root / name).read_text().replace("\\\n", " ")
    for line in text.splitlines():
        match = PIN.match(line)
        if not match:
            continue
        package = canonicalize_name(match.group(1))
        pins[package] = match.group(2)
        if "--hash=sha256:" not in line:
            problems.append(f"{name}: {package} has no hash")
    return pins, problems


def extra_requirements(requirement: Requirement) -> list[Requirement]:
    """What `name[extra]` adds, read from the installed distribution."""
    if not requirement.extras:
        return []
    try:
        declared = metadata.requires(requirement.name) or []
    except metadata.PackageNotFoundError:
        return []
    added = []
    for line in declared:
        dependency = Requirement(line)
        if (
            dependency.marker
            and any(dependency.marker.evaluate({"extra": extra}) for extra in requirement.extras)
            and not dependency.marker.evaluate({"extra": ""})
        ):
            dependency.marker = None
            added.append(dependency)
    return added


def check(requirements: list[Requirement], pins: dict[str, str], lock: str) -> list[str]:
    problems = []
    for requirement in requirements:
        if requirement.marker and not requirement.marker.evaluate():
            continue
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.append(f"{lock}: {requirement} is not pinned")
        elif not requirement.specifier.contains(pins[name], prereleases=True):
            problems.append(f"{lock}: {name}=={pins[name]} is outside {requirement}")
        else:
            problems += check(extra_requirements(requirement), pins, lock)
    return problems


def main(root: Path = DEFAULT_ROOT) -> int:
    project = tomllib.loads((root / "pyproject.toml").read_text())
    runtime = [Requirement(line) for line in project["project"]["dependencies"]]
    dev = [Requirement(line) for line in project["project"]["optional-dependencies"]["dev"]]
    tools = [
        Requirement(line)
        for line in (root / "requirements-install.in").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    tools += [Requirement(line) for line in project["build-system"]["requires"]]

    runtime_pins, problems = read_lock(root, "requirements.txt")
    dev_pins, dev_problems = read_lock(root, "requirements-dev.txt")
    problems += dev_problems
    problems += check(runtime + tools, runtime_pins, "requirements.txt")
    problems += check(runtime + dev + tools, dev_pins, "requirements-dev.txt")
    for name, version in runtime_pins.items():
        if dev_pins.get(name) != version:
            problems.append(
                f"requirements-dev.txt: {name} should be pinned at {version} "
                f"as in requirements.txt (found {dev_pins.get(name)})"
            )
    for problem in problems:
        print(f"lock: {problem}", file=sys.stderr)
    if problems:
        print("lock: pyproject.toml and the lock disagree: run `make lock`", file=sys.stderr)
        return 1
    print(f"lock: {len(dev_pins)} pins agree with pyproject.toml")
    return 0


if __name__ == "__main__":
    # An optional folder to check instead of this checkout (the tests use it).
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_ROOT))
