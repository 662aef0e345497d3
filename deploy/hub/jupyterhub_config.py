"""JupyterHub for a class on one server: the configuration `python3 course.py hub start` runs.

Every value comes from deploy/course-hub.toml (shared with the Kubernetes hub) or from the
environment tools/hub.py sets (COURSE_HUB_*): this file has no other input, so the hub test runs
exactly what a teacher runs.
"""

# ruff: noqa: F821  (``c`` is the configuration object JupyterHub passes to this file)
from __future__ import annotations

import os
import pwd
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from jupyterhub.spawner import LocalProcessSpawner  # noqa: E402

from tools.hub import class_list, settings, start_link, system_user  # noqa: E402

SETTINGS = settings()
ENV = os.environ
STATE = Path(ENV["COURSE_HUB_STATE"])
#: The Python of the students' servers and kernels (tools.hub.class_python: the course's packages, runnable by all).
PYTHON = ENV.get("COURSE_HUB_PYTHON", sys.executable)
PREFIX = ENV.get("COURSE_HUB_PREFIX", SETTINGS["accounts"]["system_user_prefix"])
STUDENTS = class_list(ENV["COURSE_HUB_CLASS_LIST"])


#: Where each student's kernels keep their sockets. The course's kernels talk over IPC (socket files, so no other
#: account can listen to them, as it could to a port on loopback), and a socket's path must be short (at most
#: 107 bytes on Linux): under a long home folder ("/home/course-jo-smith-uni-.../.local/share/jupyter/runtime/")
#: it is too long. So each student gets /run/course-hub/<uid>, made by the hub, theirs alone (0700).
RUNTIME_ROOT = Path(ENV.get("COURSE_HUB_RUNTIME_ROOT", "/run/course-hub"))


def runtime_dir(entry: pwd.struct_passwd) -> str:
    """The student's own short runtime folder, made (or made theirs again) before their server starts."""
    RUNTIME_ROOT.mkdir(mode=0o755, parents=True, exist_ok=True)
    folder = RUNTIME_ROOT / str(entry.pw_uid)
    folder.mkdir(mode=0o700, exist_ok=True)
    os.chown(folder, entry.pw_uid, entry.pw_gid)
    folder.chmod(0o700)
    return str(folder)


class CourseSpawner(LocalProcessSpawner):
    """A student's server, run as the student's own system account (``course-<name>``) in its home folder.

    Why not run every server as one user: then any student's code could read every other student's
    files. With an account each and homes only their owner can read, the operating system keeps them apart.
    """

    def account(self) -> str:
        return system_user(self.user.name, PREFIX)

    def make_preexec_fn(self, name: str):  # type: ignore[no-untyped-def]
        return super().make_preexec_fn(self.account())

    def user_env(self, env: dict) -> dict:
        entry = pwd.getpwnam(self.account())
        env.update(USER=self.account(), HOME=entry.pw_dir, SHELL=entry.pw_shell, JUPYTER_RUNTIME_DIR=runtime_dir(entry))
        return env

    async def move_certs(self, paths):  # type: ignore[no-untyped-def]
        raise NotImplementedError("internal TLS is not used by the course's one-server hub")


# --- where the hub listens and keeps its files ------------------------------------------------------------------
c.JupyterHub.ip = ENV.get("COURSE_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(ENV.get("COURSE_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(ENV.get('COURSE_HUB_PROXY_API_PORT', '8001'))}"
c.JupyterHub.hub_port = int(ENV.get("COURSE_HUB_INTERNAL_PORT", "8081"))
if ENV.get("COURSE_HUB_SSL_KEY"):
    c.JupyterHub.ssl_key = ENV["COURSE_HUB_SSL_KEY"]
    c.JupyterHub.ssl_cert = ENV["COURSE_HUB_SSL_CERT"]
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops the students' servers

# --- who can log in: the class list, each with a password of their own ---------------------------------------------
c.JupyterHub.authenticator_class = SETTINGS["accounts"]["authenticator"]
c.Authenticator.allowed_users = set(STUDENTS)
# Only the class list (and the teachers) log in: a name taken off the list cannot log in again.
c.Authenticator.allow_existing_users = False
c.FirstUseAuthenticator.create_users = False
c.FirstUseAuthenticator.min_password_length = SETTINGS["accounts"]["min_password_length"]
c.FirstUseAuthenticator.dbm_path = str(STATE / "passwords.dbm")
# Teachers (`hub start --admin NAME`): they log in like students (first-use password) and get the admin page,
# where deleting a student and adding them again resets their password (a new one at their next login).
if ENV.get("COURSE_HUB_ADMINS"):
    c.Authenticator.admin_users = set(ENV["COURSE_HUB_ADMINS"].split(","))

# --- each student's server ----------------------------------------------------------------------------------------
c.JupyterHub.spawner_class = CourseSpawner
c.Spawner.cmd = [PYTHON, "-m", "jupyterhub.singleuser"]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = start_link(SETTINGS["course"], ENV.get("COURSE_HUB_REPO", str(ROOT)), hub_prefix="/")
# A whole class logging in at the same moment on a small server: 40 servers starting at once on 2 cores took
# longer than JupyterHub's defaults allow (bench/bench_hub.py), so a server gets 5 minutes to start.
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
limits = SETTINGS["limits"]
# LocalProcessSpawner passes these to the server as MEM_LIMIT / CPU_LIMIT (shown by resource monitors); it does
# not enforce them. The Kubernetes hub does (deploy/kubernetes/config.yaml).
c.Spawner.mem_limit = limits["memory_limit"]
c.Spawner.mem_guarantee = limits["memory_guarantee"]
c.Spawner.cpu_limit = float(limits["cpu_limit"])
c.Spawner.environment = {
    # How often a server tells the hub it is in use (the culler decides on this); tests shorten it.
    "JUPYTERHUB_ACTIVITY_INTERVAL": ENV.get("COURSE_HUB_ACTIVITY_INTERVAL", "300"),
}
REPO = ENV.get("COURSE_HUB_REPO", str(ROOT))
if "://" not in REPO or REPO.startswith("file://"):
    # The course is a repository on this server, owned by the teacher: git refuses to read a repository another
    # account owns unless that exact path is named safe in a protected (global) git config.
    GITCONFIG = ROOT / ".hub-gitconfig"
    GITCONFIG.write_text(f"[safe]\n\tdirectory = {REPO.removeprefix('file://')}\n")
    GITCONFIG.chmod(0o644)
    c.Spawner.environment["GIT_CONFIG_GLOBAL"] = str(GITCONFIG)
c.JupyterHub.last_activity_interval = int(ENV.get("COURSE_HUB_ACTIVITY_INTERVAL", "300"))

# --- stop idle servers so a class does not exhaust memory ---------------------------------------------------------
culling = SETTINGS["culling"]
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={int(ENV.get('COURSE_HUB_CULL_TIMEOUT', culling['timeout_seconds']))}",
            f"--cull-every={int(ENV.get('COURSE_HUB_CULL_EVERY', culling['every_seconds']))}",
        ],
    }
]
roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
# Tests and the bench drive the hub through its REST API with a token of their own (never set for a class).
if ENV.get("COURSE_HUB_SERVICE_TOKEN"):
    c.JupyterHub.services.append({"name": "course-admin", "api_token": ENV["COURSE_HUB_SERVICE_TOKEN"]})
    roles.append(
        {
            "name": "course-admin",
            "scopes": ["admin:users", "admin:servers", "admin:server_state", "tokens", "list:users", "read:users"],
            "services": ["course-admin"],
        }
    )
c.JupyterHub.load_roles = roles
