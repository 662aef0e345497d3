"""A JupyterHub for a class on one server: accounts from a class list, the course in every student's home.

    python3 course.py hub start --class-list class.txt --admin teacher   # serve the class on 127.0.0.1:8000
    python3 course.py hub start --class-list class.txt --ip 0.0.0.0 --port 443 --ssl-key K --ssl-cert C
    python3 course.py hub accounts --class-list class.txt         # only create the students' system accounts
    python3 course.py hub remove-accounts --class-list class.txt  # remove them and their home folders
    python3 course.py hub link --repo URL                         # the nbgitpuller link to hand out
    python3 course.py hub k8s-users --class-list class.txt        # the class list for deploy/kubernetes/config.yaml

What the students get (deploy/course-hub.toml holds the settings, deploy/README.md the whole story):
- they log in with the name on the class list and choose their own password the first time
  (FirstUseAuthenticator; no shared password; a name not on the list cannot log in);
- each student's server runs as their own system account (``course-<name>``) with a home folder only
  they can read, so no student can open another's files or server;
- at every login nbgitpuller merges the course into ``~/tired-or-weak`` without overwriting their edits,
  and JupyterLab opens on the start notebook; the kernel knows their user name, so the case lab gives
  them the case set the teacher can rebuild with ``python3 course.py case-lab key <name>``;
- a server nobody has used for an hour is stopped (jupyterhub-idle-culler); its files stay.

Linux only, run as root (creating accounts and starting servers as other users needs it). The hub
itself is the pinned JupyterHub of the course's environment; its proxy, configurable-http-proxy, is
the npm package pinned in deploy/hub/package.json, installed here with ``npm ci`` on first use.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from helpers.caselab.marking import read_roster
from helpers.errors import CourseInputError
from tools.npm import npm_ci

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
SETTINGS_FILE = DEPLOY / "course-hub.toml"
HUB_DIR = DEPLOY / "hub"
HUB_CONFIG = HUB_DIR / "jupyterhub_config.py"
PROXY_BIN = HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
#: The hub's own files (database, cookie secret, students' password hashes): git-ignored, kept between runs.
STATE_DIR = ROOT / ".hub"
#: Written into the comment field of every account this tool creates, so it only ever removes its own.
ACCOUNT_MARK = "tired-or-weak course student"
#: Longest system user name Linux tools accept everywhere.
MAX_SYSTEM_NAME = 32


def settings() -> dict:
    """deploy/course-hub.toml: the one set of values the one-server and Kubernetes hubs share."""
    with SETTINGS_FILE.open("rb") as handle:
        return tomllib.load(handle)


def system_user(name: str, prefix: str) -> str:
    """The system account for hub user ``name``: the prefix and the name, made safe for useradd.

    Why a hash: class-list names may hold '@' or '.', or be long; two different names must never share
    an account, so any name that had to change gets six characters of its own hash.
    """
    safe = re.sub(r"[^a-z0-9_-]", "-", name.lower())
    room = MAX_SYSTEM_NAME - len(prefix)
    if safe == name and len(safe) <= room:
        return prefix + safe
    digest = hashlib.sha256(name.encode()).hexdigest()[:6]
    return f"{prefix}{safe[: room - 7]}-{digest}"


def class_list(path: str | Path) -> list[str]:
    """The students' hub user names from a class list (the case lab's roster format: one ID a line, or a CSV)."""
    try:
        names = read_roster(path)
    except CourseInputError as exc:  # the same file format as the case lab's roster: say which file it is here
        raise CourseInputError(exc.what.replace("roster", "class list"), exc.got, exc.allowed, exc.fix) from None
    if not names:
        raise CourseInputError("class list", str(path), "a file with one student ID a line", "add the students")
    return names


def start_link(course: dict, repo: str, hub_prefix: str = "/hub/user-redirect/") -> str:
    """The nbgitpuller link: pull the course into the student's home (keeping their edits), open the start notebook.

    ``hub_prefix`` is "/hub/user-redirect/" for a link to hand out, "/" for the spawner's default URL.
    """
    query = urlencode(
        {
            "repo": repo,
            "branch": course["branch"],
            "targetpath": course["target_dir"],
            "urlpath": f"lab/tree/{course['target_dir']}/{course['start_notebook']}",
        }
    )
    return f"{hub_prefix}git-pull?{query}"


# ---------------------------------------------------------------------------------------------------------------
# System accounts (one server only)
# ---------------------------------------------------------------------------------------------------------------
def _require_root_on_linux(what: str) -> None:
    if sys.platform != "linux" or os.geteuid() != 0:
        raise SystemExit(
            f"[course] {what} needs Linux and root (it creates a system account for each student and starts their "
            "servers as them). Run it with sudo on the class's server, or see deploy/README.md for Kubernetes."
        )


def _account_exists(account: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(account)
    except KeyError:
        return False
    return True


def _is_ours(account: str) -> bool:
    import pwd

    return pwd.getpwnam(account).pw_gecos == ACCOUNT_MARK


def create_accounts(names: list[str], prefix: str) -> list[str]:
    """Create a system account with a private home folder for each student who has none; return those created.

    An existing account of the same name that this tool did not make stops everything, naming it:
    the course never takes over someone else's account.
    """
    _require_root_on_linux("Creating students' accounts")
    accounts = {name: system_user(name, prefix) for name in names}
    foreign = [a for a in accounts.values() if _account_exists(a) and not _is_ours(a)]
    if foreign:
        raise SystemExit(
            f"[course] these system accounts exist and were not made by the course: {', '.join(foreign)}. "
            "Choose another system_user_prefix in deploy/course-hub.toml."
        )
    created = []
    for account in accounts.values():
        if _account_exists(account):
            continue
        subprocess.run(
            ["useradd", "--create-home", "--shell", "/bin/bash", "--comment", ACCOUNT_MARK, "--user-group", account],
            check=True,
        )
        home = Path(os.path.expanduser(f"~{account}"))
        home.chmod(0o700)
        created.append(account)
    return created


def remove_accounts(names: list[str], prefix: str) -> list[str]:
    """Remove the course's accounts (and home folders) of these students; return those removed."""
    _require_root_on_linux("Removing students' accounts")
    removed = []
    for name in names:
        account = system_user(name, prefix)
        if _account_exists(account) and _is_ours(account):
            subprocess.run(["userdel", "--remove", account], check=True, capture_output=True)
            removed.append(account)
    return removed


# ---------------------------------------------------------------------------------------------------------------
# The Python every student's server runs
# ---------------------------------------------------------------------------------------------------------------
CLASS_ENV = ROOT / ".hub-env"


def _usable_by_everyone(path: Path) -> bool:
    """True when an account other than the owner can reach ``path`` (every folder on the way searchable)."""
    path = path.resolve()
    for part in [*reversed(path.parents), path]:
        mode = part.stat().st_mode
        if part.is_dir() and not mode & 0o001:
            return False
    return bool(path.stat().st_mode & 0o005)


def check_course_readable() -> None:
    """The students' servers read the course's helpers, data and packages from this checkout: they must be able to."""
    for needed in (ROOT / "helpers", ROOT / "data", ROOT / ".venv" / "lib"):
        if not _usable_by_everyone(needed):
            raise SystemExit(
                f"[course] the students' accounts cannot read {needed}. Put the course where every account can read "
                "it (for example: git clone <course> /srv/tired-or-weak, then run the hub from there), or make "
                "every folder on the way readable (chmod o+rx)."
            )


def class_python() -> Path:
    """The Python the students' servers and kernels run: the course's own .venv, runnable by every account.

    Why this is not always .venv/bin/python: a virtual environment runs its base interpreter, and when that
    lives in a private folder (pyenv under /root, say) other accounts cannot start it. Then a small
    environment is made in .hub-env/ with a Python of the same version that everyone can run; it loads
    the course's .venv packages (the very same files, no second install) and shares its Jupyter and
    IPython settings.
    """
    venv_python = ROOT / ".venv" / "bin" / "python"
    if _usable_by_everyone(Path(os.path.realpath(venv_python))):
        return venv_python
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    base = next(
        (Path(p) for p in (f"/usr/bin/python{version}", f"/usr/local/bin/python{version}") if Path(p).exists()),
        None,
    )
    if base is None or not _usable_by_everyone(base):
        raise SystemExit(
            f"[course] the course's Python ({os.path.realpath(venv_python)}) is in a folder other accounts cannot "
            f"open, and no Python {version} every account can run was found in /usr/bin or /usr/local/bin. Install "
            f"one (Debian/Ubuntu: apt-get install python{version} python{version}-venv) and try again."
        )
    python = CLASS_ENV / "bin" / "python"
    site_packages = ROOT / ".venv" / "lib" / f"python{version}" / "site-packages"
    link = CLASS_ENV / "lib" / f"python{version}" / "site-packages" / "course-venv.pth"
    if not link.exists():
        subprocess.run([str(base), "-m", "venv", "--without-pip", str(CLASS_ENV)], check=True)
        link.write_text(f"import site; site.addsitedir({str(site_packages)!r})\n")
        for shared in ("share", "etc"):  # JupyterLab's build, extensions, kernel and IPython settings
            (CLASS_ENV / shared).symlink_to(ROOT / ".venv" / shared)
    return python


# ---------------------------------------------------------------------------------------------------------------
# The proxy and the hub
# ---------------------------------------------------------------------------------------------------------------
def install_proxy() -> Path:
    """configurable-http-proxy at the version pinned in deploy/hub/package-lock.json (``npm ci``, once)."""
    npm_ci(HUB_DIR)
    return PROXY_BIN


@dataclass
class HubPlan:
    """Everything one run of the hub needs: where, for whom, from which course repository."""

    class_list: Path
    ip: str = "127.0.0.1"
    port: int = 8000
    repo: str = str(ROOT)
    state_dir: Path = STATE_DIR
    #: Extra environment for the hub's configuration (tests and the bench shorten culling, add a service token).
    extra_env: dict[str, str] | None = None


def hub_environment(plan: HubPlan) -> dict[str, str]:
    """The environment deploy/hub/jupyterhub_config.py reads (it has no other input)."""
    env = dict(os.environ)
    venv_bin = str(Path(sys.executable).parent)
    env.update(
        {
            "PATH": f"{PROXY_BIN.parent}{os.pathsep}{venv_bin}{os.pathsep}{env.get('PATH', '')}",
            "COURSE_HUB_CLASS_LIST": str(plan.class_list.resolve()),
            "COURSE_HUB_IP": plan.ip,
            "COURSE_HUB_PORT": str(plan.port),
            "COURSE_HUB_REPO": plan.repo,
            "COURSE_HUB_STATE": str(plan.state_dir.resolve()),
            "COURSE_HUB_PYTHON": str(class_python()),
        }
    )
    env.update(plan.extra_env or {})
    return env


def start_hub(plan: HubPlan, log_path: Path | None = None) -> subprocess.Popen:
    """Start JupyterHub for ``plan`` in the background and return its process (stop it by its pid)."""
    install_proxy()
    check_course_readable()
    plan.state_dir.mkdir(parents=True, exist_ok=True)
    plan.state_dir.chmod(0o700)
    output = log_path.open("ab") if log_path else None
    return subprocess.Popen(
        [sys.executable, "-m", "jupyterhub", "-f", str(HUB_CONFIG)],
        cwd=plan.state_dir,
        env=hub_environment(plan),
        stdout=output or None,
        stderr=subprocess.STDOUT if output else None,
        start_new_session=True,
    )


# ---------------------------------------------------------------------------------------------------------------
# The teacher's command
# ---------------------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 course.py hub", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    start = sub.add_parser("start", help="create the accounts, then serve the class (stop with Ctrl+C)")
    start.add_argument("--class-list", required=True, help="one student ID a line, or a CSV with a student_id column")
    start.add_argument("--ip", default="127.0.0.1", help="address to listen on (default: this machine only)")
    start.add_argument("--port", type=int, default=8000)
    start.add_argument("--repo", default=str(ROOT), help="the course's git repository (default: this checkout)")
    start.add_argument("--ssl-key", help="TLS key file (use TLS whenever --ip is not 127.0.0.1)")
    start.add_argument("--ssl-cert", help="TLS certificate file")
    start.add_argument(
        "--admin",
        action="append",
        default=[],
        help="a teacher's login name (repeat for more): they log in like a student and get the hub's admin page",
    )
    for name, text in (
        ("accounts", "create the accounts only"),
        ("remove-accounts", "remove the accounts"),
        ("k8s-users", "print the class list as deploy/kubernetes/config.yaml's allowed_users"),
    ):
        sub.add_parser(name, help=text).add_argument("--class-list", required=True)
    link = sub.add_parser("link", help="print the nbgitpuller link that puts the course into a student's home")
    link.add_argument("--repo", required=True, help="the course's public git URL")
    link.add_argument("--hub-url", default="https://YOUR-HUB", help="your hub's address")
    link.add_argument(
        "--default-url", action="store_true", help="print the /git-pull?... form for deploy/kubernetes/config.yaml"
    )
    args = parser.parse_args(argv)

    config = settings()
    prefix = config["accounts"]["system_user_prefix"]
    if args.command == "link":
        if args.default_url:
            print(start_link(config["course"], args.repo, hub_prefix="/"))
        else:
            print(args.hub_url.rstrip("/") + start_link(config["course"], args.repo))
        return 0
    try:
        names = class_list(args.class_list)
    except CourseInputError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.command == "k8s-users":
        print("      allowed_users:")
        print("\n".join(f"        - {json.dumps(name)}" for name in names))
        return 0
    if args.command == "remove-accounts":
        print(f"removed {len(remove_accounts(names, prefix))} accounts")
        return 0
    teachers = [a.strip().lower() for a in getattr(args, "admin", [])]
    created = create_accounts(names + [t for t in teachers if t not in names], prefix)
    print(f"{len(names)} students on the class list, {len(teachers)} teachers; {len(created)} new accounts")
    if args.command == "accounts":
        return 0
    if bool(args.ssl_key) != bool(args.ssl_cert):
        print("Give both --ssl-key and --ssl-cert, or neither.", file=sys.stderr)
        return 2
    extra = {"COURSE_HUB_SSL_KEY": args.ssl_key, "COURSE_HUB_SSL_CERT": args.ssl_cert} if args.ssl_key else {}
    if args.admin:
        extra["COURSE_HUB_ADMINS"] = ",".join(teachers)
    plan = HubPlan(Path(args.class_list), ip=args.ip, port=args.port, repo=args.repo, extra_env=extra)
    if plan.ip != "127.0.0.1" and not args.ssl_key:
        print("[course] warning: serving beyond this machine without TLS; passwords would cross the network in clear.")
    hub = start_hub(plan)
    scheme = "https" if args.ssl_key else "http"
    print(f"[course] the hub is starting on {scheme}://{plan.ip}:{plan.port}/ (pid {hub.pid}); stop with Ctrl+C")
    try:
        return hub.wait()
    except KeyboardInterrupt:
        hub.terminate()
        return hub.wait()


if __name__ == "__main__":
    sys.exit(main())
