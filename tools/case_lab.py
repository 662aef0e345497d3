"""The teacher's side of the case lab: ``python3 course.py case-lab ...``.

    python3 course.py case-lab key student-042                 print one student's key (answers and reasoning)
    python3 course.py case-lab mark --roster roster.csv --answers handed-in/ --out marked/
            write every student's key, marks.csv and class-report.html
    python3 course.py case-lab demo --students 30 --out demo/  a synthetic class (roster and answer files) to try it on

Nothing is overwritten: ``mark`` stops, naming the file, if any file it would write already exists.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence
from pathlib import Path

from helpers.caselab.marking import (
    MARK_COLUMNS,
    answer_file_name,
    key_markdown,
    mark_class,
    read_roster,
    save_answers,
    simulated_answers,
)
from helpers.caselab.model import case_set
from helpers.caselab.views import class_report_html
from helpers.errors import CourseInputError


def _refuse_existing(paths: Sequence[Path]) -> None:
    for path in paths:
        if path.exists():
            raise CourseInputError(
                "output file",
                str(path),
                "a file that does not exist yet",
                "choose a new --out folder (nothing is overwritten)",
            )


def mark(roster: Path, answers: Path, out: Path) -> list[dict]:
    """Mark a class; write keys/, marks.csv and class-report.html into ``out`` (refusing to overwrite)."""
    ids = read_roster(roster)
    if not answers.is_dir():
        raise CourseInputError("answers folder", str(answers), "a folder of handed-in .json files", "check the path")
    keys = out / "keys"
    targets = [out / "marks.csv", out / "class-report.html", *(keys / f"{sid}.md" for sid in ids)]
    _refuse_existing(targets)
    results = mark_class(ids, sorted(answers.glob("*.json")))
    keys.mkdir(parents=True, exist_ok=True)
    for sid in ids:
        (keys / f"{sid}.md").write_text(key_markdown(sid), encoding="utf-8")
    with open(out / "marks.csv", "x", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(MARK_COLUMNS))
        writer.writeheader()
        writer.writerows(results.rows)
    (out / "class-report.html").write_text(class_report_html(results), encoding="utf-8")
    return results.rows


def demo(students: int, out: Path, seed: int = 0) -> Path:
    """A synthetic class: roster.csv and one answer file a student (skills from 0.3 to 0.95), for a dry run."""
    import numpy as np

    rng = np.random.default_rng(seed)
    ids = [f"student-{i:03d}" for i in range(1, students + 1)]
    handed = out / "handed-in"
    _refuse_existing([out / "roster.csv", *(handed / answer_file_name(s) for s in ids)])
    out.mkdir(parents=True, exist_ok=True)
    (out / "roster.csv").write_text("student_id\n" + "\n".join(ids) + "\n", encoding="utf-8")
    for sid in ids:
        save_answers(case_set(sid), simulated_answers(sid, float(rng.uniform(0.3, 0.95)), seed), handed)
    return out / "roster.csv"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 course.py case-lab", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    key = sub.add_parser("key", help="print one student's key: the answers and the reasoning")
    key.add_argument("student_id")
    m = sub.add_parser("mark", help="mark a class from a roster and a folder of handed-in files")
    m.add_argument("--roster", required=True, type=Path, help="CSV with a student_id column, or one ID a line")
    m.add_argument("--answers", required=True, type=Path, help="folder with the handed-in case-lab-*.json files")
    m.add_argument("--out", required=True, type=Path, help="new folder for keys/, marks.csv, class-report.html")
    d = sub.add_parser("demo", help="write a synthetic class (roster and answer files) to try marking on")
    d.add_argument("--students", type=int, default=30)
    d.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "key":
            print(key_markdown(args.student_id))
        elif args.command == "mark":
            rows = mark(args.roster, args.answers, args.out)
            marked = [r for r in rows if r["status"] == "marked"]
            print(f"marked {len(marked)} students; wrote {args.out}/marks.csv, class-report.html and keys/")
            for r in rows:
                if r["status"] != "marked":
                    print(f"  flagged {r['student_id'] or '?'}: {r['status']}: {r['message']}")
        else:
            if not 1 <= args.students <= 1000:
                raise CourseInputError("--students", args.students, "1 to 1000", "choose a class size in that range")
            roster = demo(args.students, args.out)
            print(f"wrote {roster} and {args.students} answer files in {args.out}/handed-in")
    except CourseInputError as exc:
        print(f"case-lab: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
