"""A class on one server, for real: JupyterHub, configurable-http-proxy, five students, a lesson each.

The hub is the one `python3 course.py hub start` runs (deploy/hub/jupyterhub_config.py, started by
tools.hub.start_hub), on loopback ports, with the students' system accounts made from a class list.
Only two things differ from a class, both through the config's environment: a service token the test
drives the hub with, and culling after 15 idle seconds instead of an hour.

Needs Linux and root (it creates system accounts, as a class server does); on a learner's machine
without them it is skipped with the reason, in CI it must run. Everything it starts is stopped by
process id and every account it made is removed, even when a test fails.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import pytest
import requests

from tests.conftest import ROOT
from tools.chromium import is_ci

STUDENT_COUNT = 5
PREFIX = "cwtest-"
CULL_AFTER_S = 15
#: The lightest lesson; the bench (bench/bench_hub.py) runs lesson 01 for a whole class at once.
LESSON = "notebooks/00_start_here.ipynb"

pytestmark = pytest.mark.hub


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _requirements() -> str | None:
    if sys.platform != "linux" or os.geteuid() != 0:
        return "the class hub needs Linux and root (it creates a system account per student)"
    if not shutil.which("npm"):
        return "the class hub needs Node.js and npm for configurable-http-proxy"
    return None


def _stop_everything(hub: subprocess.Popen | None, state: Path, accounts: list[str]) -> None:
    """Stop the hub (it stops the servers and the proxy), then anything left, by process id; remove the accounts."""
    import psutil

    if hub is not None and hub.poll() is None:
        hub.send_signal(signal.SIGTERM)
        try:
            hub.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(hub.pid, signal.SIGKILL)
    pid_file = state / "proxy.pid"
    if pid_file.exists():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pid_file.read_text().strip()), signal.SIGKILL)
    for process in psutil.process_iter(["pid", "username"]):
        if process.info["username"] in accounts:
            with contextlib.suppress(psutil.Error):
                process.kill()
    from tools.hub import ACCOUNT_MARK

    for account in accounts:
        subprocess.run(["pkill", "-KILL", "-u", account], check=False, capture_output=True)
        entry = subprocess.run(["getent", "passwd", account], check=False, capture_output=True, text=True).stdout
        if ACCOUNT_MARK in entry:
            subprocess.run(["userdel", "--remove", account], check=False, capture_output=True)


@pytest.fixture(scope="module")
def class_hub():
    why_not = _requirements()
    if why_not:
        if is_ci():
            pytest.fail(f"CI=true: {why_not}; the hub test must run in CI")
        pytest.skip(why_not)
    from tools.hub import HubPlan, create_accounts, start_hub, system_user
    from tools.hub_client import Student

    tag = "t" + secrets.token_hex(2)
    # One name with '@' and '.' (an e-mail address as user name): its account name is made safe and unique.
    names = [f"{tag}-ann", f"{tag}-bo", f"{tag}.cy@uni.example", f"{tag}-dee", f"{tag}-eve"][:STUDENT_COUNT]
    accounts = [system_user(n, PREFIX) for n in names]
    work = Path(tempfile.mkdtemp(prefix="course-hub-test-"))
    work.chmod(0o755)
    state = work / "state"
    hub = None
    try:
        (work / "class.txt").write_text("\n".join(names) + "\n")
        repo = work / "course.git"
        subprocess.run(["git", "clone", "--quiet", "--bare", str(ROOT), str(repo)], check=True)
        subprocess.run(["chmod", "-R", "o+rX", str(repo)], check=True)
        create_accounts(names, PREFIX)
        port = _free_port()
        token = secrets.token_hex(24)
        plan = HubPlan(
            work / "class.txt",
            port=port,
            repo=f"file://{repo}",
            state_dir=state,
            extra_env={
                "COURSE_HUB_PREFIX": PREFIX,
                "COURSE_HUB_SERVICE_TOKEN": token,
                "COURSE_HUB_PROXY_API_PORT": str(_free_port()),
                "COURSE_HUB_INTERNAL_PORT": str(_free_port()),
                "COURSE_HUB_CULL_TIMEOUT": str(CULL_AFTER_S),
                "COURSE_HUB_CULL_EVERY": "3",
                "COURSE_HUB_ACTIVITY_INTERVAL": "5",
            },
        )
        hub = start_hub(plan, work / "hub.log")
        url = f"http://127.0.0.1:{port}"
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                if requests.get(f"{url}/hub/api/", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            assert hub.poll() is None, "the hub exited:\n" + (work / "hub.log").read_text()[-3000:]
            time.sleep(0.5)
        else:
            pytest.fail("the hub did not answer within 90 s:\n" + (work / "hub.log").read_text()[-3000:])
        students = [Student(url, n, f"pw-{secrets.token_hex(8)}") for n in names]
        yield {
            "url": url,
            "token": token,
            "students": students,
            "accounts": dict(zip(names, accounts, strict=True)),
            "repo": repo,
            "work": work,
            "hub": hub,
        }
    finally:
        _stop_everything(hub, state, accounts)
        shutil.rmtree(work, ignore_errors=True)


def _admin(hub: dict, method: str, path: str, **kwargs) -> requests.Response:
    return requests.request(
        method, f"{hub['url']}/hub/api{path}", headers={"Authorization": f"token {hub['token']}"}, timeout=30, **kwargs
    )


def _server_pid(hub: dict, student) -> int:
    """The process id of the student's server, as the hub records it."""
    return _admin(hub, "GET", f"/users/{student.url_name}").json()["servers"][""]["state"]["pid"]


def _in_parallel(work, items) -> list:
    """Run ``work(item)`` for every item at once (a class arrives together); re-raise the first failure."""
    results: list = [None] * len(items)
    failures: list[BaseException] = []

    def run(i, item):
        try:
            results[i] = work(item)
        except Exception as exc:  # noqa: BLE001  (collected and re-raised below, in the test's thread)
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(i, item)) for i, item in enumerate(items)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise failures[0]
    return results


def test_students_on_the_class_list_log_in_with_a_password_of_their_own(class_hub):
    for student in class_hub["students"]:
        reply = student.login()
        assert reply.status_code == 302, f"{student.name}: first login answered {reply.status_code}"
        assert "jupyterhub-session-id" in student.session.cookies, f"{student.name}: no session after login"
    ann = class_hub["students"][0]
    from tools.hub_client import Student

    # No shared password: another student's password, or a guess, does not open ann's account.
    for wrong in (class_hub["students"][1].password, "password123"):
        reply = Student(class_hub["url"], ann.name, wrong).login()
        assert reply.status_code == 403, f"a wrong password for {ann.name} answered {reply.status_code}"
    # A name that is not on the class list cannot make itself an account.
    stranger = Student(class_hub["url"], "not-on-the-list", "some-long-password")
    assert stranger.login().status_code == 403
    assert _admin(class_hub, "GET", "/users/not-on-the-list").status_code == 404
    # The right password still works the second time.
    assert Student(class_hub["url"], ann.name, ann.password).login().status_code == 302


def test_each_student_gets_a_server_of_their_own_and_a_copy_of_the_course(class_hub):
    import psutil

    from tools.hub import settings

    course = settings()["course"]
    students = class_hub["students"]
    for student in students:
        student.make_token()
    spawn_seconds = _in_parallel(lambda s: s.start_server(), students)
    print(f"{len(students)} servers ready in at most {max(spawn_seconds):.1f} s")
    repo = f"file://{class_hub['repo']}"
    _in_parallel(lambda s: s.pull_course(repo, course["branch"], course["target_dir"]), students)
    for student in students:
        listing = student.api("GET", f"{student.server_url()}/api/contents/{course['target_dir']}/notebooks").json()
        names = {item["name"] for item in listing["content"]}
        assert Path(LESSON).name in names and Path(course["start_notebook"]).name in names, names
        # The server runs as the student's own system account, in its own home folder.
        pid = _server_pid(class_hub, student)
        owner = psutil.Process(pid).username()
        assert owner == class_hub["accounts"][student.name], f"{student.name}'s server runs as {owner}"


def test_a_lesson_runs_for_every_student_through_the_hub_with_their_own_case_set(class_hub):
    from helpers.caselab.model import case_set
    from tools.hub import settings

    notebook_path = f"{settings()['course']['target_dir']}/{LESSON}"

    def run_lesson(student):
        kernel = student.open_kernel(notebook_path)
        try:
            started = time.perf_counter()
            errors = kernel.run_notebook(student.read_notebook(notebook_path))
            seconds = time.perf_counter() - started
            printed, check_errors = kernel.execute(
                "import os\n"
                "from helpers.caselab.apps import case_lab\n"
                "from helpers.caselab.model import case_set\n"
                "lab = case_lab()\n"
                "print(os.environ['JUPYTERHUB_USER'], lab.id_box.value, case_set(lab.id_box.value).fingerprint)"
            )
            return errors + check_errors, printed.split(), seconds
        finally:
            kernel.close()

    results = _in_parallel(run_lesson, class_hub["students"])
    for student, (errors, printed, _seconds) in zip(class_hub["students"], results, strict=True):
        assert errors == [], f"{student.name}: the lesson failed through the hub:\n{errors[0][-2000:]}"
        # The kernel knows the student's hub name, the case lab starts with it, and the teacher's copy of the
        # course rebuilds exactly the same case set from it.
        assert printed == [student.name, student.name, case_set(student.name).fingerprint], printed
    print(f"{LESSON} at five students at once: " + ", ".join(f"{r[2]:.1f} s" for r in results))


def test_no_student_can_reach_another_students_server_or_files(class_hub):
    ann, bo = class_hub["students"][:2]
    bo_home = f"/home/{class_hub['accounts'][bo.name]}"
    # Through the hub and the proxy, with ann's own token.
    assert ann.api("GET", f"{bo.server_url()}/api/contents").status_code in (403, 404)
    assert ann.api("GET", f"{bo.server_url()}/api/contents/tired-or-weak/notebooks").status_code in (403, 404)
    assert ann.api("POST", f"{bo.server_url()}/api/kernels", json={"name": "python3"}).status_code in (403, 404)
    assert ann.api("GET", f"/hub/api/users/{bo.url_name}").status_code in (403, 404)
    assert ann.api("POST", f"/hub/api/users/{bo.url_name}/server").status_code in (403, 404)
    # With ann's browser login: the hub refuses to hand her a way into bo's server.
    page = ann.session.get(f"{ann.hub_url}{bo.server_url()}/lab", timeout=30)
    assert page.status_code in (403, 404), f"ann opened bo's JupyterLab: {page.status_code} {page.url}"
    # Outside her own folder through her own server: refused by Jupyter.
    assert ann.api("GET", f"{ann.server_url()}/api/contents/..%2F{class_hub['accounts'][bo.name]}").status_code in (
        403,
        404,
    )
    # And in code run by her own kernel: refused by the operating system (bo's home is his alone).
    kernel = ann.open_kernel("tired-or-weak/notebooks/00_start_here.ipynb")
    try:
        printed, errors = kernel.execute(
            "import os\n"
            "for attempt in (lambda: os.listdir({!r}), lambda: open({!r}).read()):\n"
            "    try:\n"
            "        attempt(); print('READ')\n"
            "    except PermissionError:\n"
            "        print('REFUSED')\n".format(bo_home, f"{bo_home}/tired-or-weak/{LESSON}")
        )
    finally:
        kernel.close()
    assert errors == [] and printed.split() == ["REFUSED", "REFUSED"], (printed, errors)


def test_a_course_update_reaches_a_student_without_overwriting_their_edits(class_hub):
    from tools.hub import settings

    course = settings()["course"]
    bo = class_hub["students"][1]
    lesson = f"{course['target_dir']}/{LESSON}"
    # bo writes a note into his copy of lesson 01.
    nb = bo.read_notebook(lesson)
    nb.cells.append({"cell_type": "markdown", "metadata": {}, "source": "My own note: ask about grip tests."})
    saved = bo.api("PUT", f"{bo.server_url()}/api/contents/{lesson}", json={"type": "notebook", "content": nb})
    assert saved.status_code == 200, saved.text[:300]
    # The teacher changes the same lesson and adds a page, and pushes the update.
    work = class_hub["work"] / "teacher"
    who = {"GIT_AUTHOR_NAME": "teacher", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env = dict(os.environ, **who, GIT_COMMITTER_NAME="teacher", GIT_COMMITTER_EMAIL="t@example.org")
    subprocess.run(["git", "clone", "--quiet", str(class_hub["repo"]), str(work)], check=True, env=env)
    (work / "notebooks" / "week-2-note.md").write_text("Week 2: read lesson 02 before class.\n")
    readme = work / "README.md"
    readme.write_text(readme.read_text() + "\nUpdated for week 2.\n")
    teacher_nb = nbformat.read(work / LESSON, as_version=4)
    teacher_nb.cells[0].source += "\n\n*Updated for week 2.*"
    nbformat.write(teacher_nb, work / LESSON)
    for args in (["add", "-A"], ["commit", "--quiet", "-m", "week 2"], ["push", "--quiet", "origin", "HEAD"]):
        subprocess.run(["git", *args], cwd=work, check=True, env=env)
    bo.pull_course(f"file://{class_hub['repo']}", course["branch"], course["target_dir"])
    after = bo.read_notebook(lesson)
    assert after.cells[-1].source == "My own note: ask about grip tests.", "the update overwrote bo's note"
    new_page = bo.api("GET", f"{bo.server_url()}/api/contents/{course['target_dir']}/notebooks/week-2-note.md")
    assert new_page.status_code == 200, "the teacher's new page did not arrive"
    readme_now = bo.api("GET", f"{bo.server_url()}/api/contents/{course['target_dir']}/README.md?content=1").json()
    assert readme_now["content"].endswith("Updated for week 2.\n"), "a file bo never touched was not updated"


def test_idle_servers_are_stopped_and_a_busy_one_is_not(class_hub):
    import psutil

    students = class_hub["students"]
    busy, idle = students[0], students[2:]
    pids = {s.name: _server_pid(class_hub, s) for s in idle}
    deadline = time.time() + CULL_AFTER_S + 60
    stopped: set[str] = set()
    while time.time() < deadline and len(stopped) < len(idle):
        assert busy.api("GET", f"{busy.server_url()}/api/contents").status_code == 200  # a student still working
        for student in idle:
            if not _admin(class_hub, "GET", f"/users/{student.url_name}").json()["servers"]:
                stopped.add(student.name)
        time.sleep(2)
    assert stopped == {s.name for s in idle}, f"not culled after {CULL_AFTER_S + 60} s: {set(pids) - stopped}"
    still_running = [name for name, pid in pids.items() if psutil.pid_exists(pid)]
    assert still_running == [], f"culled servers whose processes are still running: {still_running}"
    assert _admin(class_hub, "GET", f"/users/{busy.url_name}").json()["servers"], "the busy student's server was culled"
