"""A small watcher inside every app: live figures fit their output, and a lost kernel says what to do.

Why: two things go wrong in a browser that Python cannot see.
1. A live plotly figure is drawn before JupyterLab has given its output a width,
   so it comes out at plotly's default 700 px and is cut off on a small laptop or
   a projector. The watcher observes the app's size and asks the figures to fit it.
2. After a kernel restart the controls still move but nothing happens, and the
   only sign is a small icon. The watcher pings Python every few seconds; when
   no answer comes back, it shows a message saying exactly what to do.
3. ipywidgets 8 gives a slider's handle (a noUiSlider div with role "slider") no accessible name, and the
   Play widget's buttons are icons without text: a screen reader says "slider" and "button" and nothing
   more (axe-core: aria-input-field-name, button-name; no ipywidgets setting reaches either). The watcher
   names them from what a sighted learner reads: a handle is labelled by its slider's description, an icon
   button by its tooltip or what its icon means. JupyterLab's own shortcut keys are kept away from a focused
   control (arrow keys move a dropdown, not the notebook's cell). And each live figure is described by the
   caption under it (aria-describedby), so a screen reader reads its one-sentence description with it.
   An exercise's closed answer panel gets a watcher too, so that its header is a button the keyboard
   reaches (Tab) and opens (Enter or Space).
It draws nothing while all is well.
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

#: The message a learner reads when the widget has lost its kernel.
LOST_KERNEL_MESSAGE = (
    "This widget has lost its connection to Python (the kernel restarted or stopped), so moving its "
    "controls does nothing. To bring it back: menu Run → Run All Cells."
)
#: Seconds between pings, and how long without an answer means the kernel is gone.
PING_EVERY_S = 3.0
LOST_AFTER_S = 10.0

_ESM = """
let pending = null;
function refitFigures() {
  // plotly's live figures (with responsive config) refit to their container on a window resize. A burst of size
  // changes (a panel opens, then its figure draws) gives one resize now and one once the burst is over: dropping
  // the last one would leave a figure at the width it had while hidden (plotly's default 700 px).
  if (pending) return;
  window.dispatchEvent(new Event("resize"));
  pending = setTimeout(() => { pending = null; window.dispatchEvent(new Event("resize")); }, 200);
}

// What an icon-only button does, by its Font Awesome icon (the Play widget's buttons).
const ICON_NAMES = { play: "Play", pause: "Pause", stop: "Stop", retweet: "Repeat", repeat: "Repeat" };
let uid = 0;
const idOf = (node) => node.id || (node.id = "course-a11y-" + (++uid) + "-" + Math.random().toString(36).slice(2, 8));

function nameControls(app) {
  // JupyterLab takes a notebook's shortcut keys from a focused control: ArrowDown on a closed dropdown moves to the
  // next cell, the letter A on it adds a cell (ipywidgets issue 3912). Lumino leaves keys inside an element with
  // this attribute to the element.
  for (const control of app.querySelectorAll("select, input, textarea, button, .noUi-handle")) {
    if (!control.hasAttribute("data-lm-suppress-shortcuts")) control.setAttribute("data-lm-suppress-shortcuts", "true");
  }
  for (const handle of app.querySelectorAll(".noUi-handle")) {
    if (handle.hasAttribute("aria-labelledby") || handle.hasAttribute("aria-label")) continue;
    const slider = handle.closest(".widget-slider");
    const label = slider && slider.querySelector(":scope > .widget-label");
    if (label && label.textContent.trim()) handle.setAttribute("aria-labelledby", idOf(label));
    else if (slider && slider.title) handle.setAttribute("aria-label", slider.title);
  }
  for (const button of app.querySelectorAll("button")) {
    if (button.textContent.trim() || button.hasAttribute("aria-label") || button.hasAttribute("aria-labelledby"))
      continue;
    const icon = button.querySelector("i.fa");
    const kind = icon && Array.from(icon.classList).map(c => c.replace(/^fa-/, "")).find(c => c in ICON_NAMES);
    const name = button.title || (kind && ICON_NAMES[kind]);
    if (!name) continue;
    const play = button.closest(".widget-play");
    const what = play && play.title ? ": " + play.title : "";
    button.setAttribute("aria-label", name + what);
  }
  // A panel's header (an exercise's closed answer) is a div: make it a button a keyboard reaches and presses.
  for (const header of app.querySelectorAll(".jupyter-widget-Collapse-header:not([tabindex])")) {
    const contents = header.parentElement.querySelector(".jupyter-widget-Collapse-contents");
    const expanded = () => header.setAttribute("aria-expanded",
      String(!!contents && !contents.classList.contains("lm-mod-hidden")));
    header.setAttribute("tabindex", "0");
    header.setAttribute("role", "button");
    header.setAttribute("data-lm-suppress-shortcuts", "true");
    expanded();
    header.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); header.click(); }
    });
    header.addEventListener("click", () => setTimeout(expanded, 0));
  }
  // A live figure is described by the caption that follows it in the app.
  for (const plot of app.querySelectorAll(".js-plotly-plot:not([aria-describedby])")) {
    const box = plot.closest(".widget-output, .jupyter-widgets.js-plotly-plot, .jupyter-widgets") || plot;
    let next = box.nextElementSibling;
    while (next && !next.querySelector(".figure-description") && !next.classList.contains("js-plotly-plot"))
      next = next.nextElementSibling;
    const description = next && next.querySelector(".figure-description");
    if (description) plot.setAttribute("aria-describedby", idOf(description));
  }
}

export default {
  render({ model, el }) {
    el.classList.add("course-watch");
    const banner = document.createElement("div");
    banner.setAttribute("role", "alert");
    banner.className = "course-lost-kernel";
    banner.style.cssText = "display:none;border-left:6px solid #D55E00;background:#fdf1ea;color:#1a1a1a;" +
      "padding:0.4em 0.8em;margin:0.3em 0;font-size:1em";
    banner.textContent = model.get("message");
    el.appendChild(banner);

    let lastPong = Date.now();
    let count = 0;
    model.on("msg:custom", (msg) => { if (msg && msg.pong !== undefined) lastPong = Date.now(); });
    const ping = setInterval(() => {
      try { model.send({ ping: count++ }); } catch (e) { /* a closed comm: the check below shows the banner */ }
      const lost = Date.now() - lastPong > model.get("lost_after_ms");
      banner.style.display = lost ? "block" : "none";
      el.dataset.kernel = lost ? "lost" : "alive";
    }, model.get("ping_every_ms"));

    let observer = null;
    let added = null;
    const attach = () => {
      const app = el.closest(".course-app, .course-answer");
      if (!app) { requestAnimationFrame(attach); return; }
      if (app.parentElement && app.parentElement.closest(".course-app, .course-answer")) {
        clearInterval(ping);  // an app inside an app: the outer one watches for both
        el.dataset.kernel = "nested";
        return;
      }
      if (app.classList.contains("course-answer")) {
        clearInterval(ping);  // an exercise's closed answer: the app inside it, once opened, watches the kernel
        el.dataset.kernel = "answer";
      }
      refitFigures();
      nameControls(app);
      observer = new ResizeObserver(() => refitFigures());
      observer.observe(app);
      // A figure added later (a panel opened, an answer shown) may draw before its box has its width, at
      // plotly's default 700 px: refit whenever plots appear inside the app.
      added = new MutationObserver((records) => {
        nameControls(app);
        if (records.some(r => Array.from(r.addedNodes).some(n => n.nodeType === 1 &&
            (n.classList.contains("svg-container") || n.querySelector(".svg-container"))))) refitFigures();
      });
      added.observe(app, { childList: true, subtree: true });
    };
    requestAnimationFrame(attach);
    return () => { clearInterval(ping); if (observer) observer.disconnect(); if (added) added.disconnect(); };
  },
};
"""


class KernelWatch(anywidget.AnyWidget):
    """Answers the browser's pings; the browser side shows LOST_KERNEL_MESSAGE when the answers stop."""

    _esm = traitlets.Unicode(_ESM).tag(sync=True)
    message = traitlets.Unicode(LOST_KERNEL_MESSAGE).tag(sync=True)
    ping_every_ms = traitlets.Int(int(PING_EVERY_S * 1000)).tag(sync=True)
    lost_after_ms = traitlets.Int(int(LOST_AFTER_S * 1000)).tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.on_msg(self._pong)

    def _pong(self, _widget: Any, content: dict[str, Any], _buffers: list[Any]) -> None:
        if isinstance(content, dict) and "ping" in content:
            self.send({"pong": content["ping"]})
