"""`make bench`: run every benchmark in this folder (today: the lesson page)."""

import runpy
from pathlib import Path

if __name__ == "__main__":
    runpy.run_path(str(Path(__file__).with_name("lesson_page.py")), run_name="__main__")
