"""The course's few Node.js packages, each pinned in a package-lock.json and installed with ``npm ci`` once.

Why here and not at test time: the test command installs them before the tests start, so the tests
themselves need no network (CI runs them with the network cut). Two folders have packages:
``deploy/hub`` (configurable-http-proxy, the hub's proxy) and ``tests/browser/axe`` (axe-core, the
accessibility engine the browser tests run).

    python -m tools.npm [FOLDER ...]     (default: every folder below)
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HUB_PACKAGES = ROOT / "deploy" / "hub"
AXE_PACKAGES = ROOT / "tests" / "browser" / "axe"
FOLDERS = (HUB_PACKAGES, AXE_PACKAGES)
#: What each folder is for, for the message when npm is missing.
NEEDED_FOR = {HUB_PACKAGES: "the class hub's proxy", AXE_PACKAGES: "the accessibility tests (axe-core)"}


def npm_ci(folder: Path) -> Path:
    """Install ``folder``'s locked packages (``npm ci``) unless node_modules already matches the lock; return it."""
    lock = folder / "package-lock.json"
    modules = folder / "node_modules"
    stamp = modules / ".course-lock-sha256"
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text().strip() == digest:
        return modules
    npm = shutil.which("npm")
    if not npm:
        raise SystemExit(
            f"[course] {NEEDED_FOR.get(folder, folder.name)} need Node.js and npm. Install Node.js 20 or newer "
            "(Debian/Ubuntu: apt-get install nodejs npm) and run the command again."
        )
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--silent"], cwd=folder, check=True)
    stamp.write_text(digest + "\n")
    return modules


def main(argv: list[str] | None = None) -> int:
    folders = [Path(a).resolve() for a in (sys.argv[1:] if argv is None else argv)] or list(FOLDERS)
    for folder in folders:
        npm_ci(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
