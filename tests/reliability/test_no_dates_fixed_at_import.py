"""No test module reads the clock when it is imported.

CI collects every module before the first test runs, and the whole suite takes over half an
hour per database. A module that sets `TODAY = date.today()` at import keeps yesterday's date
when the run crosses midnight, while the code under test asks the clock again: the stop of
2026-12-07 failed four renewal tests that way (issued_on 8 December, expected 7 December).
Tests ask for today's date where they use it (`timezone.localdate()`), so they agree with the
code whatever the hour.
"""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
CLOCK_READS = {"today", "now", "localdate", "localtime", "utcnow"}


def _clock_reads_run_at_import(tree):
    """Calls of the clock evaluated when the module is imported: module and class bodies,
    decorators (pytest.mark.parametrize included) and default values; not function bodies."""
    found = []

    def visit(node):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for part in [*node.decorator_list, *node.args.defaults, *node.args.kw_defaults]:
                if part is not None:
                    visit(part)
            return
        if isinstance(node, ast.Lambda):
            return
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name in CLOCK_READS:
                found.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _test_modules():
    """(path shown, syntax tree) of every module under tests/, each parsed once."""
    return [
        (path.relative_to(TESTS.parent), ast.parse(path.read_text(), filename=str(path)))
        for path in sorted(TESTS.rglob("*.py"))
    ]


def test_no_test_module_fixes_the_date_when_it_is_imported():
    offenders = [
        f"{where}:{line}"
        for where, tree in _test_modules()
        for line in _clock_reads_run_at_import(tree)
    ]
    assert offenders == []


def test_tests_ask_for_today_in_the_site_time_zone():
    """`date.today()` is the machine's day; the code under test uses `timezone.localdate()`,
    the day in TIME_ZONE. Where the two differ, a test comparing them fails for some hours."""
    offenders = []
    for where, tree in _test_modules():
        for node in ast.walk(tree):
            called = getattr(node, "func", None)
            if (
                isinstance(called, ast.Attribute)
                and called.attr == "today"
                and getattr(called.value, "attr", getattr(called.value, "id", None)) == "date"
            ):
                offenders.append(f"{where}:{node.lineno}")
    assert offenders == []


def test_the_check_finds_a_date_fixed_at_import_and_leaves_one_read_in_a_test_alone():
    fixed = ast.parse(
        "import datetime\n"
        "TODAY = datetime.date.today()\n"
        "@pytest.mark.parametrize('day', [timezone.localdate()])\n"
        "def test_a(day):\n"
        "    assert timezone.now()\n"
    )
    assert _clock_reads_run_at_import(fixed) == [2, 3]
