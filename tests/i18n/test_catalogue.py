"""The Spanish catalogue is complete (issue 21): every string marked for
translation in the code and templates has a Spanish translation, none is
fuzzy, and the compiled catalogue Django reads is the one written."""

import gettext
import shutil
import subprocess
from contextlib import chdir
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "locale"
LANGUAGES = ["es"]


def msgfmt() -> str:
    found = shutil.which("msgfmt")
    # .ci/run and the Makefile install gettext: a missing msgfmt is a failure.
    assert found, "msgfmt is missing: install gettext (sudo apt-get install gettext)"
    return found


def statistics(po: Path) -> str:
    result = subprocess.run(
        [msgfmt(), "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr.strip()


def untranslated(po: Path) -> list[str]:
    """The msgids of entries with no translation, or marked fuzzy."""
    result = subprocess.run(
        ["msgattrib", "--untranslated", "--no-wrap", str(po)], capture_output=True, text=True
    )
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-wrap", str(po)], capture_output=True, text=True
    )
    return [
        line[len("msgid ") :]
        for line in (result.stdout + fuzzy.stdout).splitlines()
        if line.startswith("msgid ") and line != 'msgid ""'
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_has_a_translation_and_none_is_fuzzy(language, tmp_path):
    # The catalogue as makemessages would write it from today's code, with
    # the translations written so far merged in: a string marked since the
    # last makemessages shows up here as untranslated.
    # makemessages writes to the locale/ nearest the files it reads, so it runs
    # in a tree of links to the project with a copy of locale/: the
    # repository's own catalogue is never touched.
    project = tmp_path / "project"
    project.mkdir()
    for child in ROOT.iterdir():
        if child.name != "locale" and not child.name.startswith("."):
            (project / child.name).symlink_to(child)
    shutil.copytree(LOCALE, project / "locale")
    with override_settings(LOCALE_PATHS=[project / "locale"]):
        with chdir(project):
            call_command(
                "makemessages", locale=[language], verbosity=0, no_obsolete=True, symlinks=True
            )
    po = project / "locale" / language / "LC_MESSAGES" / "django.po"
    missing = untranslated(po)
    assert not missing, f"{len(missing)} untranslated or fuzzy: {missing[:20]}"
    assert "untranslated" not in statistics(po) and "fuzzy" not in statistics(po)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_compiled_catalogue_is_the_written_one(language, tmp_path):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo = LOCALE / language / "LC_MESSAGES" / "django.mo"
    compiled = tmp_path / "django.mo"
    subprocess.run([msgfmt(), "-o", str(compiled), str(po)], check=True)
    with open(mo, "rb") as committed, open(compiled, "rb") as fresh:
        assert gettext.GNUTranslations(committed)._catalog == (
            gettext.GNUTranslations(fresh)._catalog
        ), "run `make messages` and commit locale/"
