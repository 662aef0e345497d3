"""Capacity of the one-server class hub: spawn time, memory per student, and a whole class running lesson 01.

Runs the real hub (tools.hub.start_hub, as `python3 course.py hub start` does) with throwaway student
accounts, so it needs Linux and root; elsewhere it gives one row saying why. Memory is PSS (proportional
set size: shared libraries counted once across processes), the honest per-student share on one server.

    COURSE_BENCH_HUB_STUDENTS=40 python3 course.py bench   # the load run's class size (default: what fits)
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "cwbench-"
MIB = 1024 * 1024
LESSONS = [
    "notebooks/00_start_here.ipynb",
    "notebooks/01_tired_or_weak.ipynb",
    "notebooks/02_twitch_or_trouble.ipynb",
    "notebooks/03_why_weak_how_weak.ipynb",
    "notebooks/04_is_it_als.ipynb",
    "notebooks/05_case_lab.ipynb",
]
#: ASSUMPTION for the capacity table: a student has this many lessons open at once (one kernel each).
KERNELS_PER_STUDENT = 2
#: Memory kept for the operating system, the hub and the proxy on a class server.
RESERVE_GIB = 2


def _pss_mib(pids: list[int]) -> float:
    import psutil

    total = 0
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            total += psutil.Process(pid).memory_full_info().pss
    return total / MIB


def _tree(pid: int) -> list[int]:
    import psutil

    try:
        process = psutil.Process(pid)
        return [pid, *(c.pid for c in process.children(recursive=True))]
    except psutil.Error:
        return []


def _kernel_pids(server_pid: int) -> list[int]:
    return _tree(server_pid)[1:]


def rows() -> list[dict]:
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("npm"):
        return [{"benchmark": "hub: capacity", "value": 0, "unit": "-", "target": "needs Linux, root and npm"}]
    import requests

    from tools.hub import HubPlan, create_accounts, remove_accounts, start_hub, system_user
    from tools.hub_client import Student
    from tools.lab import free_port

    wanted = int(os.environ.get("COURSE_BENCH_HUB_STUDENTS", "0"))
    work = Path(tempfile.mkdtemp(prefix="course-hub-bench-"))
    work.chmod(0o755)
    names = [f"b{i:03d}" for i in range(max(wanted, 3) + 80)]  # enough accounts for the load run
    hub = None
    out: list[dict] = []
    try:
        repo = work / "course.git"
        subprocess.run(["git", "clone", "--quiet", "--bare", str(ROOT), str(repo)], check=True)
        subprocess.run(["chmod", "-R", "o+rX", str(repo)], check=True)
        token = secrets.token_hex(24)
        port = free_port()
        (work / "class.txt").write_text("\n".join(names) + "\n")
        create_accounts(names, PREFIX)
        plan = HubPlan(
            work / "class.txt",
            port=port,
            repo=f"file://{repo}",
            state_dir=work / "state",
            extra_env={
                "COURSE_HUB_PREFIX": PREFIX,
                "COURSE_HUB_SERVICE_TOKEN": token,
                "COURSE_HUB_PROXY_API_PORT": str(free_port()),
                "COURSE_HUB_INTERNAL_PORT": str(free_port()),
            },
        )
        hub = start_hub(plan, work / "hub.log")
        url = f"http://127.0.0.1:{port}"
        for _ in range(180):
            try:
                if requests.get(f"{url}/hub/api/", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        admin = {"Authorization": f"token {token}"}

        def ready(name: str) -> Student:
            student = Student(url, name, f"pw-{secrets.token_hex(8)}")
            assert student.login().status_code == 302
            student.make_token()
            return student

        def server_pid(student: Student) -> int:
            model = requests.get(f"{url}/hub/api/users/{student.url_name}", headers=admin, timeout=30).json()
            return model["servers"][""]["state"]["pid"]

        # 1. Spawn time, one at a time, and the memory of an idle server.
        first = [ready(n) for n in names[:3]]
        spawn = [s.start_server() for s in first]
        for s in first:
            s.pull_course(f"file://{repo}", "main", "tired-or-weak")
        time.sleep(2)
        idle = [_pss_mib([server_pid(s)]) for s in first]
        out += [
            {
                "benchmark": "hub: spawn one student's server (median of 3)",
                "value": statistics.median(spawn),
                "unit": "s",
                "target": "context",
            },
            {
                "benchmark": "hub: one student's idle server (PSS)",
                "value": statistics.median(idle),
                "unit": "MiB",
                "target": "context",
            },
        ]
        # 2. A kernel that has run each lesson, one at a time, in the first student's server.
        kernel_mib: dict[str, float] = {}
        student = first[0]
        for lesson in LESSONS:
            path = f"tired-or-weak/{lesson}"
            kernel = student.open_kernel(path)
            errors = kernel.run_notebook(student.read_notebook(path))
            assert errors == [], f"{lesson} failed in the bench: {errors[0][-500:]}"
            kernel_mib[lesson] = _pss_mib(_kernel_pids(server_pid(student)))
            out.append(
                {
                    "benchmark": f"hub: kernel after {Path(lesson).stem} (PSS)",
                    "value": kernel_mib[lesson],
                    "unit": "MiB",
                    "target": "context",
                }
            )
            kernel.close()
            time.sleep(1)
        hub_mib = _pss_mib([hub.pid])
        proxy_pid = int((work / "state" / "proxy.pid").read_text())
        out += [
            {"benchmark": "hub: JupyterHub itself (PSS)", "value": hub_mib, "unit": "MiB", "target": "context"},
            {
                "benchmark": "hub: configurable-http-proxy (PSS)",
                "value": _pss_mib([proxy_pid]),
                "unit": "MiB",
                "target": "context",
            },
        ]
        pss_student = statistics.median(idle) + KERNELS_PER_STUDENT * max(kernel_mib.values())
        out.append(
            {
                "benchmark": f"hub: one student with {KERNELS_PER_STUDENT} lessons open (PSS)",
                "value": pss_student,
                "unit": "MiB",
                "target": "context",
            }
        )
        # 4. As many students as this machine holds, every one running lesson 01 at once.
        import psutil

        one_01 = statistics.median(idle) + kernel_mib["notebooks/01_tired_or_weak.ipynb"]
        fits = int((psutil.virtual_memory().total / MIB - RESERVE_GIB * 1024) // one_01)
        size = wanted or min(fits, len(names))
        load = first + [ready(n) for n in names[len(first) : size]]
        used_before = psutil.virtual_memory().used / MIB
        started = time.perf_counter()
        barrier_errors: list[str] = []

        def spawn_and_pull(s: Student) -> None:
            s.start_server(timeout_s=600)
            s.pull_course(f"file://{repo}", "main", "tired-or-weak", timeout_s=600)

        _all(spawn_and_pull, load, barrier_errors)
        spawned_s = time.perf_counter() - started
        seconds: list[float] = []

        def run_01(s: Student) -> None:
            path = "tired-or-weak/notebooks/01_tired_or_weak.ipynb"
            kernel = s.open_kernel(path)
            t0 = time.perf_counter()
            errors = kernel.run_notebook(s.read_notebook(path))
            seconds.append(time.perf_counter() - t0)
            if errors:
                barrier_errors.append(errors[0][-300:])

        started = time.perf_counter()
        _all(run_01, load, barrier_errors)
        wall = time.perf_counter() - started
        used = psutil.virtual_memory().used / MIB
        for error in barrier_errors[:5]:
            print(f"hub load failure: {error}", file=sys.stderr)
        out += [
            {
                "benchmark": f"hub load: {size} students spawn and pull the course at once",
                "value": spawned_s,
                "unit": "s",
                "target": "context",
            },
            {
                "benchmark": f"hub load: lesson 01 per student, {size} at once (median)",
                "value": statistics.median(seconds) if seconds else 0,
                "unit": "s",
                "target": "context",
            },
            {
                "benchmark": f"hub load: lesson 01 per student, {size} at once (slowest)",
                "value": max(seconds) if seconds else 0,
                "unit": "s",
                "target": "context",
            },
            {
                "benchmark": f"hub load: whole class through lesson 01 ({size} students)",
                "value": wall,
                "unit": "s",
                "target": "context",
            },
            {
                "benchmark": f"hub load: machine memory in use with {size} students",
                "value": used,
                "unit": "MiB",
                "target": "context",
            },
            {
                "benchmark": f"hub load: lessons that failed ({size} students)",
                "value": len(barrier_errors),
                "unit": "count",
                "target": "0",
            },
        ]
        # 3. The capacity table: the machine's memory per student at load (more than PSS: it also counts what
        # each process holds privately), plus a second lesson's kernel (ASSUMPTION: two lessons open at once).
        per_student = (used - used_before) / max(size, 1) + max(kernel_mib.values())
        out.append(
            {
                "benchmark": f"hub: one student with {KERNELS_PER_STUDENT} lessons open (machine memory)",
                "value": per_student,
                "unit": "MiB",
                "target": "context",
            }
        )
        for gib in (8, 16, 32, 64):
            out.append(
                {
                    "benchmark": f"hub: students on a {gib} GB server ({RESERVE_GIB} GB kept back)",
                    "value": int((gib - RESERVE_GIB) * 1024 // per_student),
                    "unit": "students",
                    "target": "context",
                }
            )
        return out
    finally:
        if hub is not None:
            hub.terminate()
            try:
                hub.wait(60)
            except subprocess.TimeoutExpired:
                hub.kill()
        for name in names:
            subprocess.run(["pkill", "-KILL", "-u", system_user(name, PREFIX)], check=False, capture_output=True)
        remove_accounts(names, PREFIX)
        shutil.rmtree(work, ignore_errors=True)


def _all(work, students, errors: list[str]) -> None:
    """Run ``work`` for every student at once, collecting failures instead of stopping."""

    def run(s) -> None:
        try:
            work(s)
        except Exception as exc:  # noqa: BLE001  (counted in the rows: a class keeps going when one student fails)
            errors.append(f"{s.name}: {exc}")

    threads = [threading.Thread(target=run, args=(s,)) for s in students]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    for row in rows():
        print(f"{row['benchmark']}: {row['value']:.1f} {row['unit']} ({row['target']})")
