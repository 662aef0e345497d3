"""The Kubernetes hub (deploy/kubernetes/config.yaml) follows the same rules as the one-server hub the hub test runs.

The one-server configuration is loaded here exactly as JupyterHub loads it (executed with a traitlets
Config as ``c``), and compared value by value with the Helm values: same authenticator and password rule,
same nbgitpuller link (so the same pull rule), same culling, same memory and CPU figures. Both come from
deploy/course-hub.toml; this test fails when someone edits one and not the other.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from traitlets.config import Config

from tests.conftest import ROOT
from tools.hub import HUB_CONFIG, class_list, settings, start_link, system_user

K8S = ROOT / "deploy" / "kubernetes" / "config.yaml"


@pytest.fixture(scope="module")
def helm() -> dict:
    return yaml.safe_load(K8S.read_text())


@pytest.fixture(scope="module")
def repo(helm) -> str:
    return parse_qs(urlsplit(helm["singleuser"]["defaultUrl"]).query)["repo"][0]


@pytest.fixture(scope="module")
def one_server(tmp_path_factory, repo, monkeypatch_module) -> Config:
    work = tmp_path_factory.mktemp("hub-config")
    (work / "class.txt").write_text("ann\nbo\n")
    for name, value in {
        "COURSE_HUB_STATE": str(work),
        "COURSE_HUB_CLASS_LIST": str(work / "class.txt"),
        "COURSE_HUB_REPO": repo,
    }.items():
        monkeypatch_module.setenv(name, value)
    c = Config()
    exec(compile(HUB_CONFIG.read_text(), str(HUB_CONFIG), "exec"), {"c": c, "__file__": str(HUB_CONFIG)})
    return c


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_same_authenticator_and_password_rule(helm, one_server):
    hub = helm["hub"]["config"]
    assert hub["JupyterHub"]["authenticator_class"] == one_server.JupyterHub.authenticator_class
    assert hub["JupyterHub"]["authenticator_class"] == settings()["accounts"]["authenticator"]
    first_use = hub["FirstUseAuthenticator"]
    assert first_use["create_users"] is False and one_server.FirstUseAuthenticator.create_users is False
    assert first_use["min_password_length"] == one_server.FirstUseAuthenticator.min_password_length >= 8
    assert one_server.Authenticator.allowed_users == {"ann", "bo"}
    assert hub["Authenticator"]["allowed_users"], "the Kubernetes hub must name its class list"
    assert hub["Authenticator"]["admin_users"], "the Kubernetes hub must name a teacher"
    assert hub["Authenticator"]["allow_existing_users"] is False
    assert one_server.Authenticator.allow_existing_users is False


def test_same_course_link_and_pull_rule(helm, one_server, repo):
    assert repo.startswith("https://"), "a Kubernetes hub pulls the course from a public URL"
    assert helm["singleuser"]["defaultUrl"] == start_link(settings()["course"], repo, hub_prefix="/")
    assert one_server.Spawner.default_url == helm["singleuser"]["defaultUrl"]
    query = parse_qs(urlsplit(helm["singleuser"]["defaultUrl"]).query)
    assert query["urlpath"] == ["lab/tree/tired-or-weak/notebooks/00_start_here.ipynb"]
    assert (ROOT / "notebooks" / "00_start_here.ipynb").exists()


def test_same_culling(helm, one_server):
    culling = settings()["culling"]
    assert helm["cull"] == {"enabled": True, "timeout": culling["timeout_seconds"], "every": culling["every_seconds"]}
    (culler,) = [s for s in one_server.JupyterHub.services if s["name"] == "idle-culler"]
    assert f"--timeout={culling['timeout_seconds']}" in culler["command"]
    assert f"--cull-every={culling['every_seconds']}" in culler["command"]


def test_same_memory_and_cpu_limits(helm, one_server):
    limits = settings()["limits"]
    single = helm["singleuser"]
    assert single["memory"] == {"guarantee": limits["memory_guarantee"], "limit": limits["memory_limit"]}
    assert single["cpu"] == {"guarantee": limits["cpu_guarantee"], "limit": limits["cpu_limit"]}
    assert one_server.Spawner.mem_limit == limits["memory_limit"]
    assert one_server.Spawner.mem_guarantee == limits["memory_guarantee"]
    assert one_server.Spawner.cpu_limit == limits["cpu_limit"]


def test_the_image_is_built_from_the_course_environment(helm):
    assert "repo2docker" in K8S.read_text() and (ROOT / "environment.yml").exists()
    assert helm["singleuser"]["storage"]["type"] == "dynamic", "each student needs storage of their own"


def test_class_list_names_become_safe_distinct_system_accounts(tmp_path: Path):
    names = ["ann", "Ann.Lee@uni.example", "ann-lee-uni-example", "x" * 40]
    (tmp_path / "class.txt").write_text("\n".join(names) + "\n")
    read = class_list(tmp_path / "class.txt")
    accounts = [system_user(n, "course-") for n in read]
    assert len(set(accounts)) == len(accounts), accounts
    assert all(len(a) <= 32 and a.startswith("course-") for a in accounts)
    assert all(set(a) <= set("abcdefghijklmnopqrstuvwxyz0123456789-_") for a in accounts)
    (tmp_path / "twice.txt").write_text("ann\nANN\n")
    with pytest.raises(Exception, match="line 2"):
        class_list(tmp_path / "twice.txt")
