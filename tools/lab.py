"""Drive JupyterLab in headless Chromium: the harness for browser tests and the benchmark.

What it knows (measured on this kind of machine, see shared stack notes):
- Chromium comes from the system (Debian's package); Playwright never downloads one.
- Run All is silently dropped while the status bar still says "No Kernel" or
  "Initializing": wait for "<kernel> | Idle" first.
- JupyterLab scrolls inside its own panel, so screenshots are taken by scrolling
  that panel, one viewport at a time.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from helpers.apps.base import FALLBACK_PREFIX
from helpers.apps.quiz import CHECK_BUTTON_CLASS, HIDDEN_PANEL_CLASS, PREDICT_CLASS, REVEAL_BUTTON_CLASS
from tools.chromium import find_chromium
from tools.sandbox import sandbox_env

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
VIEWPORT = {"width": 1280, "height": 1000}
# Text that means a widget was not drawn as a live control.
WIDGET_FALLBACK_MARKERS = (
    FALLBACK_PREFIX,
    "VBox(",
    "HBox(",
    "FigureWidget(",
    "interactive(",
    "Error displaying widget",
    "Loading widget",
)


#: Where the page checks look: the open notebook in JupyterLab, unless a page sets ``window.courseScope`` to
#: another selector first (the presentation test sets Voila's "#rendered_cells" with ``page.add_init_script``).
SCOPE_SCRIPT = "window.courseScope = {selector!r};"


def chromium_path() -> str | None:
    """The system Chromium, found the same way as ``course.py test`` finds it."""
    return find_chromium()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LabServer:
    url: str
    token: str
    root_dir: Path

    @property
    def home(self) -> Path:
        """The sandbox home folder the server and its kernels see (a diary widget saves under it)."""
        return self.root_dir.parent / "sandbox" / "home"

    def notebook_url(self, name: str) -> str:
        """A fresh workspace per notebook: the default one would reopen (and re-run kernels for) earlier tabs."""
        workspace = Path(name).with_suffix("").as_posix().replace("/", "-").replace(".", "-")
        return f"{self.url}/lab/workspaces/{workspace}/tree/{name}?reset&token={self.token}"

    def shutdown_kernels(self) -> None:
        """Stop every kernel the browser started, so the next notebook gets the whole machine."""
        request = urllib.request.Request(f"{self.url}/api/sessions?token={self.token}")
        with urllib.request.urlopen(request, timeout=10) as response:
            sessions = json.loads(response.read())
        for session in sessions:
            delete = urllib.request.Request(
                f"{self.url}/api/sessions/{session['id']}?token={self.token}", method="DELETE"
            )
            urllib.request.urlopen(delete, timeout=30).close()


@contextmanager
def running_lab(notebooks: list[Path]) -> Iterator[LabServer]:
    """Start JupyterLab on a free loopback port over a copy of ``notebooks``.

    A copy, so that nothing the browser does (a save, a checkpoint) can touch
    the committed notebooks.
    """
    work = Path(tempfile.mkdtemp(prefix="course-lab-"))
    root_dir = work / "notebooks"
    root_dir.mkdir()
    for nb in notebooks:
        shutil.copy2(nb, root_dir / nb.name)
    env = sandbox_env(work / "sandbox")
    port, token = free_port(), secrets.token_hex(16)
    log = open(work / "jupyterlab.log", "w")  # noqa: SIM115  (closed in the finally below, after the server stops)
    args = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    proc = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root_dir)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                raise RuntimeError(
                    "JupyterLab exited early; see "
                    f"{work / 'jupyterlab.log'}:\n{(work / 'jupyterlab.log').read_text()[-3000:]}"
                )
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("JupyterLab did not answer within 90 s")
            time.sleep(0.3)
        yield LabServer(url, token, root_dir)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)


@contextmanager
def chromium(
    playwright, executable: str, viewport: dict[str, int] | None = None, device_scale_factor: float = 1.0
) -> Iterator:
    """Headless system Chromium with a fresh profile and no background networking; the profile is removed afterwards.

    ``device_scale_factor`` 1.5 with a 853x480 viewport is a 1280x720 projector at 150% zoom.
    """
    profile = tempfile.mkdtemp(prefix="course-chromium-")
    context = playwright.chromium.launch_persistent_context(
        profile,
        executable_path=executable,
        headless=True,
        args=CHROMIUM_ARGS,
        viewport=viewport or VIEWPORT,
        device_scale_factor=device_scale_factor,
    )
    try:
        yield context
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


# JupyterLab's own state, not the status bar's text: the current notebook's session is
# ready and its kernel reports "idle" (Run All is silently dropped before that).
_KERNEL_IDLE_JS = """() => {
  const app = window.jupyterapp;
  const widget = app && app.shell.currentWidget;
  const ctx = widget && widget.sessionContext;
  const kernel = ctx && ctx.session && ctx.session.kernel;
  return !!(ctx && ctx.isReady && kernel && kernel.status === 'idle' && kernel.connectionStatus === 'connected');
}"""


def wait_for_idle_kernel(page, timeout_s: float = 90) -> None:
    """Wait until the open notebook's kernel is ready and idle, as JupyterLab itself reports it."""
    page.wait_for_function(_KERNEL_IDLE_JS, timeout=timeout_s * 1000, polling=100)


def open_notebook(page, server: LabServer, name: str, timeout_s: float = 90, wait: bool = True) -> None:
    """Open a notebook (``name`` relative to the server's root) and wait until its kernel is idle.

    Waiting matters: Run All is dropped before the kernel is idle. ``wait=False`` only loads the page, so that
    several pages can start their kernels at once; call wait_for_notebook on each afterwards.
    """
    page.goto(server.notebook_url(name))
    if wait:
        wait_for_notebook(page, timeout_s)


def wait_for_notebook(page, timeout_s: float = 90) -> None:
    """Wait until the page shows its notebook and the notebook's kernel is idle."""
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=timeout_s * 1000)
    wait_for_idle_kernel(page, timeout_s)


_CELLS_DONE_JS = """() => {
  // A collapsed cell (solution/explanation) shows an empty placeholder prompt forever: skip it.
  const prompts = Array.from(document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt:not(.jp-Placeholder-prompt)'));
  if (prompts.length === 0) return false;
  return prompts.every(p => /\\[\\d+\\]/.test(p.innerText));
}"""


def run_all(page, timeout_s: float = 300) -> float:
    """Clear the stored outputs, run all cells; return seconds until every cell ran again.

    Clearing first matters: a stored notebook already shows numbered prompts and
    text fallbacks, so without it "every prompt is numbered" is true before
    anything has run.
    """
    return wait_for_run_all(page, start_run_all(page), timeout_s)


def start_run_all(page) -> float:
    """The first half of run_all: clear the outputs and start Run All; returns when it started (perf_counter).

    Lets several pages run their notebooks at once: start each, then wait_for_run_all on each.
    """
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.wait_for_function(
        "() => !Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell "
        ".jp-InputPrompt')).some(p => /\\[\\d+\\]/.test(p.innerText))",
        timeout=30_000,
    )
    started = time.perf_counter()
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    return started


def wait_for_run_all(page, started: float, timeout_s: float = 300) -> float:
    """The second half of run_all: wait until every cell ran and every output is drawn; return the seconds taken."""
    page.wait_for_function(_CELLS_DONE_JS, timeout=timeout_s * 1000, polling=200)
    wait_for_idle_kernel(page, timeout_s)
    elapsed = time.perf_counter() - started
    page.wait_for_function(_DRAWN_JS, timeout=30_000, polling=100)
    return elapsed


# Every output has finished drawing: each plotly container has its SVG, and no widget
# output is still a "Loading widget..." placeholder.
_DRAWN_JS = """() => {
  const panel = document.querySelector(window.courseScope || '.jp-NotebookPanel:not(.lm-mod-hidden)');
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const plots = Array.from(panel.querySelectorAll('.js-plotly-plot')).filter(visible);
  const loading = Array.from(panel.querySelectorAll('.jp-OutputArea-output'))
    .some(o => (o.innerText || '').includes('Loading widget'));
  return !loading && plots.every(p => p.querySelector('.main-svg'));
}"""

_REPORT_JS = """(markers) => {
  const panel = document.querySelector(window.courseScope || '.jp-NotebookPanel:not(.lm-mod-hidden)');
  const outputs = Array.from(panel.querySelectorAll('.jp-OutputArea-output'));
  // JupyterLab 4.6 gives neither a static plotly output nor a live widget output a
  // data-mime-type attribute: a static plotly output is itself the plot (jp-RenderedPlotly).
  const kind = o => {
    const m = o.getAttribute('data-mime-type');
    if (m === 'application/vnd.plotly.v1+json' || o.classList.contains('jp-RenderedPlotly')) return 'plotly';
    if (m === null || m === 'application/vnd.jupyter.widget-view+json') return 'widget';
    return m;
  };
  const ofKind = k => outputs.filter(o => kind(o) === k);
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const plots = Array.from(panel.querySelectorAll('.js-plotly-plot')).filter(visible);
  const texts = outputs.map(o => o.innerText || '');
  return {
    code_cells: panel.querySelectorAll('.jp-CodeCell').length,
    errors: ofKind('application/vnd.jupyter.stderr').map(o => o.innerText.slice(0, 500)),
    plotly_outputs: ofKind('plotly').length,
    plotly_outputs_drawn: ofKind('plotly').filter(o => o.querySelector('.main-svg')).length,
    widget_outputs: ofKind('widget').length,
    widget_outputs_live: ofKind('widget').filter(o => o.querySelector('.jupyter-widgets')).length,
    visible_plots: plots.length,
    visible_plots_drawn: plots.filter(p => {
      const s = p.querySelector('.main-svg');
      return s && s.getBoundingClientRect().width > 50;
    }).length,
    fallbacks: texts.filter(t => markers.some(m => t.trim().startsWith(m) || t.includes('Error displaying widget')))
      .map(t => t.slice(0, 200)),
    sliders: panel.querySelectorAll('.widget-slider').length,
    model_answers: Array.from(panel.querySelectorAll('details > summary'))
      .filter(s => s.innerText.trim().startsWith('Model answer')).length,
    model_answers_open: panel.querySelectorAll('details[open]').length,
    titles: Array.from(panel.querySelectorAll('.js-plotly-plot .gtitle')).map(t => t.textContent),
  };
}"""


#: Class of a box that is meant to scroll sideways (a wide table on a narrow screen): layout_problems accepts
#: sideways scrolling inside such a box, and nowhere else.
SCROLL_BOX_CLASS = "course-scroll"

# What a reader would see cut off or unreadable, on the open notebook, counting only what is shown (an element
# inside a closed panel, a collapsed cell or display:none has no box and is skipped):
# - a figure wider than its output;
# - in a figure: a title, subtitle, legend, annotation, axis title, tick label, trace text or colour bar
#   outside the figure, or two of these running over each other (tick labels of one axis excepted: plotly
#   spaces those itself);
# - an output, or a box inside one, that scrolls sideways (unless it is a deliberate SCROLL_BOX_CLASS box)
#   or cuts its content off sideways (overflow hidden);
# - a quiz option running over the next one.
_LAYOUT_JS = """(scrollBox) => {
  const panel = document.querySelector(window.courseScope || '.jp-NotebookPanel:not(.lm-mod-hidden)');
  const problems = [];
  const shown = el => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    return el.checkVisibility ? el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) : true;
  };
  const cls = el => (el.getAttribute('class') || '');
  const snippet = el => ((el instanceof HTMLElement ? el.innerText : el.textContent) || '')
    .replace(/\\s+/g, ' ').trim().slice(0, 40);
  for (const gd of Array.from(panel.querySelectorAll('.js-plotly-plot')).filter(shown)) {
    const svg = gd.querySelector('.main-svg');
    if (!svg) continue;
    const box = svg.getBoundingClientRect();
    const name = ((gd.querySelector('.gtitle') || {}).textContent || 'untitled').slice(0, 60);
    const out = gd.closest('.jp-OutputArea-output');
    if (out && box.width > out.clientWidth + 2) problems.push(`figure wider than its output: ${name}`);
    const items = [];
    const add = (label, el) => { if (shown(el)) items.push([label, el, el.getBoundingClientRect()]); };
    gd.querySelectorAll('.gtitle').forEach(el => add('title', el));
    gd.querySelectorAll('.gtitle-subtitle').forEach(el => add('subtitle', el));
    gd.querySelectorAll('.legend').forEach(el => add('legend', el));
    gd.querySelectorAll('.annotation').forEach(el => add('annotation', el));
    gd.querySelectorAll('.colorbar').forEach(el => add('colour bar', el));
    gd.querySelectorAll('text').forEach(el => {
      const c = cls(el);
      if (/^[xy]\\d*title$/.test(c)) add('axis title', el);
      else if (/^[xy]\\d*tick$/.test(cls(el.parentNode))) add('tick label', el);
      else if (el.closest('.textpoint') || /bartext/.test(c)) add('trace text', el);
    });
    for (const [label, el, r] of items) {
      if (r.left < box.left - 2 || r.right > box.right + 2 || r.top < box.top - 2 || r.bottom > box.bottom + 2) {
        problems.push(`${label} cut off in: ${name} (${snippet(el)})`);
      }
    }
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const [la, ea, a] = items[i], [lb, eb, b] = items[j];
        if (ea.contains(eb) || eb.contains(ea)) continue;
        const sameAxis = ea.parentNode.parentNode === eb.parentNode.parentNode;
        if (la === 'tick label' && lb === 'tick label' && sameAxis) continue;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 2 && h > 2) problems.push(`${la} runs over ${lb} in: ${name} (${snippet(ea)} / ${snippet(eb)})`);
      }
    }
  }
  for (const out of Array.from(panel.querySelectorAll('.jp-OutputArea-output')).filter(shown)) {
    for (const el of [out, ...out.querySelectorAll('*')]) {
      if (!(el instanceof HTMLElement) || el.closest('.js-plotly-plot')) continue;
      if (el.scrollWidth <= el.clientWidth + 2 || !shown(el)) continue;
      const overflow = getComputedStyle(el).overflowX;
      if (overflow === 'hidden' || overflow === 'clip') {
        problems.push(`output cut off sideways: ${snippet(el)}`);
      } else if ((overflow === 'auto' || overflow === 'scroll') && !el.classList.contains(scrollBox)) {
        problems.push(`output scrolls sideways: ${snippet(el)}`);
      }
    }
  }
  for (const box of Array.from(panel.querySelectorAll('.widget-radio-box')).filter(shown)) {
    const labels = Array.from(box.querySelectorAll('label'));
    for (let i = 0; i + 1 < labels.length; i++) {
      // Options side by side (a card sort's row) never overlap sideways; stacked ones run over if they overlap.
      const a = labels[i].getBoundingClientRect(), b = labels[i + 1].getBoundingClientRect();
      if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && a.bottom > b.top + 1) {
        problems.push(`quiz option runs over the next: ${labels[i].innerText.slice(0, 50)}`);
      }
    }
  }
  return problems;
}"""


# Every visible figure's size and the places of its parts, relative to the figure: the same twice in a row
# means plotly has finished redrawing (a figure that was revealed or resized redraws a little later).
_FIGURES_SIGNATURE_JS = """() => {
  const panel = document.querySelector(window.courseScope || '.jp-NotebookPanel:not(.lm-mod-hidden)');
  return Array.from(panel.querySelectorAll('.js-plotly-plot')).map(gd => {
    const g = gd.getBoundingClientRect();
    if (g.width === 0) return '';
    return Array.from(gd.querySelectorAll('.main-svg, .gtitle, .gtitle-subtitle, .legend, .annotation'))
      .map(el => { const r = el.getBoundingClientRect();
                   return [r.left - g.left, r.top - g.top, r.width, r.height].map(Math.round).join(','); })
      .join(';');
  }).join('|');
}"""


def wait_for_settled_figures(page, timeout_s: float = 10, interval_ms: int = 300) -> None:
    """Wait until no figure on the open notebook moves or changes size between two looks ``interval_ms`` apart."""
    deadline = time.monotonic() + timeout_s
    last = None
    while time.monotonic() < deadline:
        signature = page.evaluate(_FIGURES_SIGNATURE_JS)
        if signature == last:
            return
        last = signature
        page.wait_for_timeout(interval_ms)


def layout_problems(page) -> list[str]:
    """Everything on the open notebook that a reader would see cut off or overlapping (empty when all fits).

    Measured once the figures have settled (see wait_for_settled_figures).
    """
    wait_for_settled_figures(page)
    return page.evaluate(_LAYOUT_JS, SCROLL_BOX_CLASS)


def notebook_report(page) -> dict:
    """Counts of what the open notebook shows: errors, figures, widgets, fallbacks."""
    return page.evaluate(_REPORT_JS, list(WIDGET_FALLBACK_MARKERS))


_TAG_CONTROLS_JS = """() => {
  const panel = document.querySelector(window.courseScope || '.jp-NotebookPanel:not(.lm-mod-hidden)');
  const controls = Array.from(panel.querySelectorAll('.widget-slider, .widget-dropdown, .widget-toggle-buttons'))
    .filter(c => !c.classList.contains('course-no-redraw') && !c.closest('.course-no-redraw'))
    // A disabled control (the case lab's pickers before a student opens their cases) cannot be moved by anyone.
    .filter(c => !c.querySelector('select:disabled, input:disabled, button:disabled'))
    .filter(c => { const r = c.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
  const out = [];
  controls.forEach((c, i) => {
    let app = c.closest('.course-app');
    while (app && !app.querySelector('.js-plotly-plot')) app = app.parentElement.closest('.course-app');
    if (!app) return;
    c.setAttribute('data-course-control', String(i));
    if (!app.hasAttribute('data-course-app')) app.setAttribute('data-course-app', 'app' + i);
    const kind = c.classList.contains('widget-slider') ? 'slider'
      : c.classList.contains('widget-dropdown') ? 'dropdown' : 'toggle';
    const label = (c.querySelector('.widget-label') || {}).innerText || '';
    out.push({id: String(i), app: app.getAttribute('data-course-app'), kind, label});
  });
  return out;
}"""

_SIGNATURE_JS = """(appId) => {
  const app = document.querySelector(`[data-course-app="${appId}"]`);
  return Array.from(app.querySelectorAll('.js-plotly-plot'))
    .map(gd => JSON.stringify([gd.data, gd.layout])).join('|');
}"""


# The first prediction on the page whose hidden panel is still closed (tagged for Playwright), or null.
_NEXT_PREDICTION_JS = f"""() => {{
  const panel = document.querySelector(window.courseScope || '.jp-NotebookPanel:not(.lm-mod-hidden)');
  const visible = el => {{ const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; }};
  const n = panel.querySelectorAll('[data-course-predict]').length;
  for (const box of panel.querySelectorAll('.{PREDICT_CLASS}')) {{
    const hidden = box.querySelector(':scope > .{HIDDEN_PANEL_CLASS}');
    if (!visible(box) || !hidden || visible(hidden) || box.hasAttribute('data-course-predict')) continue;
    box.setAttribute('data-course-predict', String(n));
    return String(n);
  }}
  return null;
}}"""


def reveal_predictions(page, limit: int = 20) -> int:
    """Answer every prediction as a learner would, with the keyboard (first choice, Check my answer, reveal).

    Returns how many hidden panels opened. A panel that opens holds live widgets and figures that were
    hidden until then, so a test sees them only after this; a prediction revealed inside another's
    panel (a judgement inside a reveal) is answered in turn.
    """
    opened = 0
    for _ in range(limit):
        tag = page.evaluate(_NEXT_PREDICTION_JS)
        if tag is None:
            break
        box = page.locator(f"[data-course-predict='{tag}']")
        reveal = box.locator(f".{REVEAL_BUTTON_CLASS}").first
        assert reveal.is_disabled(), "a reveal button must stay locked until a prediction is checked"
        # With the keyboard only: Space chooses a focused option and presses a focused button.
        box.locator(".widget-radio-box input").first.focus()
        page.keyboard.press("Space")
        box.locator(f".{CHECK_BUTTON_CLASS}").first.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("el => !el.disabled", arg=reveal.element_handle(), timeout=10_000)
        reveal.focus()
        page.keyboard.press("Space")
        page.wait_for_function(
            f"el => {{ const h = el.querySelector(':scope > .{HIDDEN_PANEL_CLASS}'); "
            "const r = h.getBoundingClientRect(); return r.width > 0 && r.height > 0; }",
            arg=box.element_handle(),
            timeout=10_000,
        )
        opened += 1
    page.wait_for_function(_DRAWN_JS, timeout=30_000, polling=100)
    return opened


_OPEN_ANSWERS_JS = """() => {
  const panel = document.querySelector(window.courseScope || '.jp-NotebookPanel:not(.lm-mod-hidden)');
  let opened = 0;
  for (const header of panel.querySelectorAll('.course-answer .jupyter-widget-Collapse-header')) {
    const contents = header.parentElement.querySelector('.jupyter-widget-Collapse-contents');
    if (contents && contents.classList.contains('lm-mod-hidden')) { header.click(); opened++; }
  }
  return opened;
}"""


def run_lesson_as_learner(page, server: LabServer, name: str):
    """Open a lesson, Run All, answer its predictions as a learner would; return the notebook panel's locator."""
    open_notebook(page, server, name)
    run_all(page)
    reveal_predictions(page)
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")


def open_answers(page) -> int:
    """Open every closed exercise-answer panel (helpers.apps.quiz.answer) as a learner would; return how many."""
    opened = page.evaluate(_OPEN_ANSWERS_JS)
    page.wait_for_function(_DRAWN_JS, timeout=30_000, polling=100)
    return opened


_TAG_TAB_STOPS_JS = """() => {
  // Every control a learner can see in the notebook's outputs, tagged in document order.
  const panel = document.querySelector(window.courseScope || '.jp-NotebookPanel:not(.lm-mod-hidden)');
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const controls = Array.from(panel.querySelectorAll(
      '.jp-OutputArea-output .noUi-handle, .jp-OutputArea-output select, .jp-OutputArea-output button, ' +
      '.jp-OutputArea-output input, .jp-OutputArea-output textarea, ' +
      '.jp-OutputArea-output .jupyter-widget-Collapse-header'))
    .filter(el => visible(el) && !el.disabled && el.type !== 'hidden');
  controls.forEach((el, i) => el.setAttribute('data-course-tab', String(i)));
  return controls.map(el => {
    const label = el.getAttribute('aria-label') || el.innerText || el.getAttribute('aria-valuenow') || el.value || '';
    return `${el.tagName.toLowerCase()}${el.classList.contains('noUi-handle') ? ' (slider)' : ''} '${label.trim()}'`;
  });
}"""


def unreachable_by_tab(page, extra_presses: int = 80) -> list[str]:
    """The visible controls of the notebook's outputs that pressing Tab never reaches (empty when all are).

    Focus goes to the first control, then Tab is pressed until every control has had the focus, or until
    there have been ``extra_presses`` presses more than controls (links in the text take the focus too).
    A radio group is one Tab stop (arrow keys move inside it, as in every browser): one of its buttons
    having had the focus counts for the group. The page records where the focus went; it is read every
    few presses, not after each.
    """
    names = page.evaluate(_TAG_TAB_STOPS_JS)
    if not names:
        return []
    groups = page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-course-tab]')).map(el =>
             el.type === 'radio' && el.name ? 'radio:' + el.name : 'tab:' + el.getAttribute('data-course-tab'))"""
    )
    page.evaluate(
        """() => { window.__courseFocused = new Set();
             if (!window.__courseFocusRecorder) {
               window.__courseFocusRecorder = e => {
                 const tab = e.target.getAttribute && e.target.getAttribute('data-course-tab');
                 if (tab !== null && window.__courseFocused) window.__courseFocused.add(Number(tab)); };
               document.addEventListener('focusin', window.__courseFocusRecorder, true);
             } }"""
    )
    page.locator("[data-course-tab='0']").focus()
    wanted = set(groups)
    reached: set[str] = set()
    presses, budget = 0, len(names) + extra_presses
    while presses < budget:
        for _ in range(min(10, budget - presses)):
            page.keyboard.press("Tab")
            presses += 1
        reached = {groups[i] for i in page.evaluate("() => Array.from(window.__courseFocused)")}
        if reached >= wanted:
            break
    return [name for name, group in zip(names, groups, strict=True) if group not in reached]


#: axe-core, pinned in tests/browser/axe/package-lock.json and installed by ``python3 course.py test`` (tools.npm).
AXE_SCRIPT = ROOT / "tests" / "browser" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
#: What axe checks: the course's own content (every output and every rendered text cell of the open notebook),
#: not JupyterLab's menus and toolbars around it. WCAG 2.x A and AA rules plus axe's best practices.
_AXE_JS = """async (tags) => {
  const panel = document.querySelector(window.courseScope || '.jp-NotebookPanel:not(.lm-mod-hidden)');
  const include = Array.from(panel.querySelectorAll('.jp-OutputArea-output, .jp-MarkdownOutput, #rendered_cells'));
  const result = await axe.run({include}, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    rule: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
    targets: v.nodes.map(n => n.target.join(' ')),
  }));
}"""
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the open notebook's content: rule, impact, help, and the selector of each node."""
    if not AXE_SCRIPT.exists():
        raise RuntimeError(f"axe-core is not installed at {AXE_SCRIPT}: run python3 course.py test (npm ci)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(_AXE_JS, AXE_TAGS)


def figure_controls(page) -> list[dict]:
    """Every visible slider, dropdown and toggle that sits in an app with a figure."""
    return page.evaluate(_TAG_CONTROLS_JS)


def _change_control(page, control: dict) -> None:
    """Change a control with the keyboard only, as a learner who cannot use a mouse would.

    A slider: focus its handle, an arrow key. A dropdown: focus it, ArrowDown (ArrowUp from the last option).
    Toggle buttons: focus the next one that is not pressed, Space.
    """
    element = page.locator(f"[data-course-control='{control['id']}']")
    element.scroll_into_view_if_needed()
    if control["kind"] == "slider":
        handle = element.locator(".noUi-handle").first
        now = float(handle.get_attribute("aria-valuenow") or 0)
        top = float(handle.get_attribute("aria-valuemax") or 0)
        handle.focus()
        page.keyboard.press("ArrowLeft" if now >= top else "ArrowRight")
    elif control["kind"] == "dropdown":
        select = element.locator("select")
        last = select.evaluate("s => s.selectedIndex === s.options.length - 1")
        select.focus()
        page.keyboard.press("ArrowUp" if last else "ArrowDown")
    else:
        buttons = element.locator("button")
        for i in range(buttons.count()):
            if "mod-active" not in (buttons.nth(i).get_attribute("class") or ""):
                buttons.nth(i).focus()
                page.keyboard.press("Space")
                break


_ARM_TIMING_JS = """([controlId, appId]) => {
  // Time in the page: from the first input event on the control to the first
  // plotly_afterplot of a figure in its app (Playwright's own round trips excluded).
  const t = window.__courseTiming = {input: null, plots: []};
  const control = document.querySelector(`[data-course-control="${controlId}"]`);
  if (!control.__courseArmed) {
    for (const type of ['keydown', 'change', 'mousedown']) {
      control.addEventListener(type, () => {
        const s = window.__courseTiming;
        if (s && s.input === null) s.input = performance.now();
      }, true);
    }
    control.__courseArmed = true;
  }
  const app = document.querySelector(`[data-course-app="${appId}"]`);
  const known = new Set(app.querySelectorAll('.js-plotly-plot'));
  for (const gd of known) {
    if (!gd.__courseArmed && gd.on) {
      gd.on('plotly_afterplot', () => { const s = window.__courseTiming; if (s) s.plots.push(performance.now()); });
      gd.__courseArmed = true;
    }
  }
  // A figure drawn anew (the ipywidgets.interact way: a new output on each change) has no listener yet: watch
  // each frame for a new plot that has finished drawing.
  const started = performance.now();
  const watch = () => {
    const s = window.__courseTiming;
    if (s !== t || performance.now() - started > 10000) return;
    for (const gd of app.querySelectorAll('.js-plotly-plot')) {
      const drawn = !known.has(gd) && gd._fullLayout && gd.querySelector('.main-svg');
      if (drawn) { s.plots.push(performance.now()); return; }
    }
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
}"""

#: Whether a figure of the armed app has finished a draw since the first input event (see _ARM_TIMING_JS).
_DREW_SINCE_INPUT_JS = """() => {
  const t = window.__courseTiming;
  return !!t && t.input !== null && t.plots.some(x => x >= t.input);
}"""

_READ_TIMING_JS = """() => {
  const t = window.__courseTiming;
  if (!t || t.input === null) return null;
  const after = t.plots.filter(x => x >= t.input);
  return after.length ? after[0] - t.input : null;
}"""


def change_and_time_redraw(page, control: dict, timeout_ms: int = 5000) -> float | None:
    """Change one control; return ms from input to redrawn figure, or None if it did not change.

    "Changed" means the app's plotly data or layout differ in the page. The time
    is measured in the page (input event to plotly's afterplot); where a figure
    gives no afterplot event, Playwright's wall-clock time is used instead.

    Why two waits: comparing whole figures (JSON of every trace) every 50 ms runs on the page's one
    thread and, when it lands during a redraw, delays the very redraw being timed, more for a bigger
    figure. So the first wait only asks whether a figure of the app has drawn since the input (cheap,
    each frame); the figures are compared once after that, and polled only if they have not changed yet.
    """
    before = page.evaluate(_SIGNATURE_JS, control["app"])
    page.evaluate(_ARM_TIMING_JS, [control["id"], control["app"]])
    started = time.perf_counter()
    _change_control(page, control)
    changed = "([appId, before, sig]) => eval(sig)(appId) !== before"
    args = [control["app"], before, _SIGNATURE_JS]
    with contextlib.suppress(PlaywrightTimeout):  # no afterplot: the comparison below decides, on the wall clock
        page.wait_for_function(_DREW_SINCE_INPUT_JS, timeout=timeout_ms, polling="raf")
    try:
        if not page.evaluate(changed, args):
            left = max(timeout_ms - (time.perf_counter() - started) * 1000, 100)
            page.wait_for_function(changed, arg=args, timeout=left, polling=50)
    except PlaywrightTimeout:  # the figure did not change in time; any other error propagates
        return None
    wall_ms = (time.perf_counter() - started) * 1000
    page.wait_for_timeout(50)  # let plotly finish the redraw it started
    in_page = page.evaluate(_READ_TIMING_JS)
    return in_page if in_page is not None else wall_ms


def screenshot_notebook(page, out_dir: Path, max_shots: int = 40, settle_ms: int = 250) -> list[Path]:
    """Screenshots of the notebook, one viewport at a time, top to bottom (``settle_ms`` after each scroll)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.png"):
        old.unlink()
    scroller = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"
    height = page.evaluate(
        f"() => {{ const s = document.querySelector('{scroller}'); "
        "return s ? [s.scrollHeight, s.clientHeight] : [0, 0]; }"
    )
    total, view = height
    shots: list[Path] = []
    position = 0
    while len(shots) < max_shots:
        page.evaluate(f"y => {{ const s = document.querySelector('{scroller}'); if (s) s.scrollTop = y; }}", position)
        page.wait_for_timeout(settle_ms)
        path = out_dir / f"{len(shots) + 1:02d}.png"
        page.screenshot(path=str(path))
        shots.append(path)
        position += max(view - 80, 200)
        if position >= total - 40:
            break
    return shots


def stored_output_counts(notebook: Path) -> dict[str, int]:
    """How many plotly and widget outputs and model answers the stored notebook has."""
    nb = json.loads(notebook.read_text())
    counts = {"plotly": 0, "widget": 0, "model_answers": 0}
    for cell in nb["cells"]:
        counts["model_answers"] += "explanation" in cell.get("metadata", {}).get("tags", [])
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            counts["plotly"] += "application/vnd.plotly.v1+json" in data
            counts["widget"] += "application/vnd.jupyter.widget-view+json" in data
    return counts
