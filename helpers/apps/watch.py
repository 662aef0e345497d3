"""A small watcher inside every app: live figures fit their output, and a lost kernel says what to do.

Why: two things go wrong in a browser that Python cannot see.
1. A live plotly figure is drawn before JupyterLab has given its output a width,
   so it comes out at plotly's default 700 px and is cut off on a small laptop or
   a projector. The watcher observes the app's size and asks the figures to fit it.
2. After a kernel restart the controls still move but nothing happens, and the
   only sign is a small icon. The watcher pings Python every few seconds; when
   no answer comes back, it shows a message saying exactly what to do.
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
      const app = el.closest(".course-app");
      if (!app) { requestAnimationFrame(attach); return; }
      if (app.parentElement && app.parentElement.closest(".course-app")) {
        clearInterval(ping);  // an app inside an app: the outer one watches for both
        el.dataset.kernel = "nested";
        return;
      }
      refitFigures();
      observer = new ResizeObserver(() => refitFigures());
      observer.observe(app);
      // A figure added later (a panel opened, an answer shown) may draw before its box has its width, at
      // plotly's default 700 px: refit whenever plots appear inside the app.
      added = new MutationObserver((records) => {
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
