"""Drive a running course hub over HTTP as a student would: log in, start a server, pull the course, run a lesson.

Used by the hub test (tests/test_hub.py) and the capacity bench (bench/bench_hub.py), so both measure the
same route a class takes: the login form, the hub's REST API, nbgitpuller, and a kernel reached through the
proxy by websocket (the Jupyter messaging protocol, as JupyterLab speaks it).
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote

import nbformat
import requests
import websocket

LOGIN_TIMEOUT_S = 30


class HubError(RuntimeError):
    """The hub or a student's server answered something other than what a working class gets."""


@dataclass
class Student:
    """One student's session with the hub: their cookie-holding HTTP session and, once made, their API token."""

    hub_url: str
    name: str
    password: str
    session: requests.Session = field(default_factory=requests.Session)
    token: str = ""

    # --- the hub ------------------------------------------------------------------------------------------------
    def login(self) -> requests.Response:
        """Log in through the hub's login form, as a browser does (the form needs its _xsrf cookie)."""
        form = self.session.get(f"{self.hub_url}/hub/login", timeout=LOGIN_TIMEOUT_S)
        form.raise_for_status()
        return self.session.post(
            f"{self.hub_url}/hub/login",
            data={"username": self.name, "password": self.password, "_xsrf": self.session.cookies.get("_xsrf") or ""},
            allow_redirects=False,
            timeout=LOGIN_TIMEOUT_S,
        )

    def make_token(self) -> str:
        """An API token for this student, asked for with their own login (cookie and _xsrf), as JupyterLab does."""
        reply = self.session.post(
            f"{self.hub_url}/hub/api/users/{self.url_name}/tokens",
            json={"note": "course test", "expires_in": 3600},
            headers={"X-XSRFToken": self.session.cookies.get("_xsrf") or ""},
            timeout=LOGIN_TIMEOUT_S,
        )
        if reply.status_code != 201:
            raise HubError(f"{self.name}: token request answered {reply.status_code}: {reply.text[:200]}")
        self.token = reply.json()["token"]
        return self.token

    def api(self, method: str, path: str, **kwargs: object) -> requests.Response:
        """A request with this student's token to the hub (``/hub/...``) or a server (``/user/...``)."""
        headers = {"Authorization": f"token {self.token}"}
        return requests.request(method, f"{self.hub_url}{path}", headers=headers, timeout=60, **kwargs)  # type: ignore[arg-type]

    def start_server(self, timeout_s: float = 120) -> float:
        """Ask the hub for this student's server and wait until it is ready; return the seconds it took."""
        started = time.perf_counter()
        reply = self.api("POST", f"/hub/api/users/{self.url_name}/server")
        if reply.status_code not in (201, 202, 400):  # 400: already running
            raise HubError(f"{self.name}: start answered {reply.status_code}: {reply.text[:200]}")
        while time.perf_counter() - started < timeout_s:
            model = self.api("GET", f"/hub/api/users/{self.url_name}").json()
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return time.perf_counter() - started
            time.sleep(0.5)
        raise HubError(f"{self.name}: server not ready after {timeout_s:.0f} s")

    @property
    def url_name(self) -> str:
        """The name as JupyterHub writes it in URLs ('@' and '~' kept, everything else escaped)."""
        return quote(self.name, safe="@~")

    def server_url(self) -> str:
        return f"/user/{self.url_name}"

    # --- the student's server -------------------------------------------------------------------------------------
    def pull_course(self, repo: str, branch: str, target_dir: str, timeout_s: float = 180) -> list[str]:
        """Run nbgitpuller in the student's server (the API its git-pull page calls); return its progress lines."""
        query = f"repo={quote(repo, safe='')}&branch={quote(branch)}&targetpath={quote(target_dir)}"
        reply = requests.get(
            f"{self.hub_url}{self.server_url()}/git-pull/api?{query}",
            headers={"Authorization": f"token {self.token}"},
            stream=True,
            timeout=timeout_s,
        )
        if reply.status_code != 200:
            raise HubError(f"{self.name}: nbgitpuller answered {reply.status_code}: {reply.text[:200]}")
        lines: list[str] = []
        for raw in reply.iter_lines():
            text = raw.decode("utf-8")
            if not text.startswith("data:"):
                continue
            event = json.loads(text[len("data:") :])
            if event.get("phase") == "error":
                raise HubError(f"{self.name}: nbgitpuller failed: {event.get('message')} {event.get('output', '')}")
            if event.get("output"):
                lines.append(event["output"].rstrip())
            if event.get("phase") == "finished":
                return lines
        raise HubError(f"{self.name}: nbgitpuller stopped without finishing: {lines[-3:]}")

    def read_notebook(self, path: str) -> nbformat.NotebookNode:
        reply = self.api("GET", f"{self.server_url()}/api/contents/{quote(path)}?content=1")
        if reply.status_code != 200:
            raise HubError(f"{self.name}: reading {path} answered {reply.status_code}")
        return nbformat.from_dict(reply.json()["content"])

    def open_kernel(self, notebook_path: str) -> Kernel:
        """Start a kernel for ``notebook_path`` (in its folder, as JupyterLab does) and connect to it."""
        reply = self.api(
            "POST",
            f"{self.server_url()}/api/sessions",
            json={"path": notebook_path, "type": "notebook", "kernel": {"name": "python3"}},
        )
        if reply.status_code != 201:
            raise HubError(f"{self.name}: starting a kernel answered {reply.status_code}: {reply.text[:200]}")
        kernel_id = reply.json()["kernel"]["id"]
        ws_url = self.hub_url.replace("http", "ws", 1) + f"{self.server_url()}/api/kernels/{kernel_id}/channels"
        connection = websocket.create_connection(ws_url, header=[f"Authorization: token {self.token}"])
        kernel = Kernel(self, kernel_id, connection)
        kernel.wait_until_heard()
        return kernel


@dataclass
class Kernel:
    """A kernel in a student's server, spoken to over the websocket JupyterLab uses."""

    student: Student
    kernel_id: str
    ws: websocket.WebSocket
    session_id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def execute(self, code: str, timeout_s: float = 300) -> tuple[str, list[str]]:
        """Run ``code``; return (printed text, error tracebacks) once it has finished. Widget messages are ignored."""
        msg_id = uuid.uuid4().hex
        self.ws.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "username": self.student.name,
                        "session": self.session_id,
                        "msg_type": "execute_request",
                        "version": "5.3",
                        "date": "",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": True,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                    "channel": "shell",
                    "buffers": [],
                }
            )
        )
        printed: list[str] = []
        errors: list[str] = []
        replied = idle = False
        deadline = time.perf_counter() + timeout_s
        self.ws.settimeout(timeout_s)
        while time.perf_counter() < deadline:
            opcode, data = self.ws.recv_data()
            if opcode != websocket.ABNF.OPCODE_TEXT:  # messages with binary buffers: widget data, not results
                continue
            message = json.loads(data)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["header"]["msg_type"]
            if kind == "stream":
                printed.append(message["content"]["text"])
            elif kind == "error":
                errors.append("\n".join(message["content"]["traceback"]))
            elif kind == "execute_reply":
                replied = True
            elif kind == "status" and message["content"]["execution_state"] == "idle":
                idle = True
            # Shell and IOPub messages travel separately: the reply can come before the last printed output,
            # which ends with the kernel's "idle" on IOPub.
            if replied and idle:
                return "".join(printed), errors
        raise HubError(f"{self.student.name}: no reply after {timeout_s:.0f} s")

    def wait_until_heard(self, timeout_s: float = 60) -> None:
        """Wait until the kernel's printed output reaches us: the first messages of a new connection can be lost."""
        deadline = time.perf_counter() + timeout_s
        while time.perf_counter() < deadline:
            printed, _ = self.execute("print('course-kernel-ready')", timeout_s=timeout_s)
            if "course-kernel-ready" in printed:
                return
            time.sleep(0.2)
        raise HubError(f"{self.student.name}: the kernel's output never arrived")

    def run_notebook(self, nb: nbformat.NotebookNode) -> list[str]:
        """Run every code cell in order, as Run All does; return the errors (an empty list for a clean run)."""
        for cell in nb.cells:
            if cell.cell_type == "code" and cell.source.strip():
                _, errors = self.execute(cell.source)
                if errors:
                    return errors
        return []

    def close(self) -> None:
        self.ws.close()
        self.student.api("DELETE", f"{self.student.server_url()}/api/kernels/{self.kernel_id}")
