"""Shared fixtures.

``browser``: headless Chromium driven through the DevTools protocol over a pipe
(``--remote-debugging-pipe``), standard library only.  Tests that use it are marked
``@pytest.mark.browser`` and skip when no Chromium is installed (set ``CHROMIUM`` to
point at another binary; ``CLAIMCHECK_CHROMIUM_LOG=1`` shows the browser's own log on stderr).
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-extensions", "--disable-default-apps", "--hide-scrollbars", "--mute-audio",
                  "--no-default-browser-check", "--force-color-profile=srgb", "--font-render-hinting=none",
                  # nothing a page asks for can reach a network: every host name fails to resolve
                  "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1280,2000",
                  "--remote-debugging-pipe"]


def find_chromium() -> str | None:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


class CDPError(RuntimeError):
    pass


class Page:
    """One tab: load a URL, evaluate JavaScript, take screenshots; records what the page does.

    ``requests`` lists every URL the page asked for, ``console_errors`` every console error,
    uncaught exception and browser log error, ``dialogs`` every alert/confirm/prompt (dismissed).
    """

    def __init__(self, browser: "Browser", session: str, target: str):
        self.browser, self.session, self.target = browser, session, target
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        self.url = "about:blank"
        self._load = threading.Event()

    def send(self, method: str, **params):
        return self.browser.send(method, params, session=self.session)

    def _event(self, method: str, params: dict) -> None:  # called on the reader thread
        if method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.console_errors.append("console: " + " ".join(str(a.get("value", a.get("description", "")))
                                                             for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            d = params["exceptionDetails"]
            self.console_errors.append("exception: " + d.get("exception", {}).get("description", d.get("text", "")))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            self.console_errors.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(f"{params.get('type')}: {params.get('message')}")
            self.browser.send("Page.handleJavaScriptDialog", {"accept": False}, session=self.session, wait=False)
        elif method == "Page.loadEventFired":
            self._load.set()

    def goto(self, url: str, timeout: float = 60) -> None:
        self._load.clear()
        self.url = url
        result = self.send("Page.navigate", url=url)
        if result.get("errorText"):
            raise CDPError(f"navigation to {url} failed: {result['errorText']}")
        if not self._load.wait(timeout):
            raise CDPError(f"{url} did not finish loading in {timeout} s")

    def evaluate(self, expression: str):
        """The value of a JavaScript expression (JSON-serialisable results only)."""
        r = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise CDPError(f"{expression[:80]!r} raised {r['exceptionDetails']}")
        return r["result"].get("value")

    def screenshot(self, path: Path, full_page: bool = False) -> bytes:
        params = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
        data = base64.b64decode(self.send("Page.captureScreenshot", **params)["data"])
        Path(path).write_bytes(data)
        return data

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})


class Browser:
    """A headless Chromium process and its DevTools pipe (fd 3: commands in, fd 4: replies out)."""

    def __init__(self, executable: str, timeout: float = 60):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="claimcheck-chromium-")
        cmd_r, self._cmd_w = os.pipe()
        self._resp_r, resp_w = os.pipe()
        # move the child's ends out of the way of fds 3 and 4 before bash puts them there (dash only knows fds 0-9)
        hi_r, hi_w = (fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 20) for fd in (cmd_r, resp_w))
        os.close(cmd_r)
        os.close(resp_w)
        argv = [executable, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", "about:blank"]
        script = f'exec "$@" 3<&{hi_r} 4>&{hi_w} {hi_r}<&- {hi_w}>&-'
        self.proc = subprocess.Popen(["/bin/bash", "-c", script, "bash", *argv], pass_fds=(hi_r, hi_w),
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=None if os.environ.get("CLAIMCHECK_CHROMIUM_LOG") else subprocess.DEVNULL)
        os.close(hi_r)
        os.close(hi_w)
        self._next = 0
        self._lock = threading.Lock()
        self._replies: dict[int, queue.Queue] = {}
        self._pages: dict[str, Page] = {}
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.version = self.send("Browser.getVersion")["product"]

    def _read(self) -> None:
        buf = b""
        while True:
            try:
                chunk = os.read(self._resp_r, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                for q in list(self._replies.values()):
                    q.put({"error": {"message": "browser closed the pipe"}})
                return
            buf += chunk
            *messages, buf = buf.split(b"\0")
            for raw in messages:
                msg = json.loads(raw)
                if "id" in msg:
                    q = self._replies.get(msg["id"])
                    if q is not None:
                        q.put(msg)
                elif msg.get("sessionId") in self._pages:
                    self._pages[msg["sessionId"]]._event(msg["method"], msg.get("params", {}))

    def send(self, method: str, params: dict | None = None, session: str | None = None, wait: bool = True):
        with self._lock:
            self._next += 1
            mid = self._next
            q: queue.Queue = queue.Queue()
            self._replies[mid] = q
            msg = {"id": mid, "method": method, "params": params or {}}
            if session:
                msg["sessionId"] = session
            os.write(self._cmd_w, json.dumps(msg).encode() + b"\0")
        if not wait:
            return None
        try:
            reply = q.get(timeout=self.timeout)
        except queue.Empty:
            raise CDPError(f"{method}: no reply in {self.timeout} s") from None
        finally:
            self._replies.pop(mid, None)
        if "error" in reply:
            raise CDPError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def new_page(self, width: int = 1280, height: int = 2000, javascript: bool = True) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session, target)
        self._pages[session] = page
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.send(f"{domain}.enable")
        page.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                  mobile=False)
        if not javascript:
            page.send("Emulation.setScriptExecutionDisabled", value=True)
        return page

    def close(self) -> None:
        try:
            self.send("Browser.close", wait=False)
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        finally:
            for fd in (self._cmd_w, self._resp_r):
                try:
                    os.close(fd)
                except OSError:
                    pass
            shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium for the whole session; skips the test when none is installed."""
    exe = find_chromium()
    if exe is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    b = Browser(exe)
    try:
        yield b
    finally:
        b.close()


@pytest.fixture
def page(browser):
    """A fresh 1280×2000 tab, closed after the test."""
    p = browser.new_page()
    yield p
    p.close()


# Tests that read ../shared (the seed corpus, score.py, the SARIF schema) skip, with the reason,
# when the clone does not have it beside it; CI always does.
NEEDS_SHARED = {"test_check.py", "test_ci_formats.py", "test_seeds.py", "test_entities.py", "test_gold_corpora.py"}
# single tests elsewhere that run on the seeds
NEEDS_SHARED_TESTS = {"test_junit_control_characters_in_quotes", "test_the_same_files_in_any_order_give_the_same_report",
                      "test_no_output_line_is_a_ci_command"}


def pytest_collection_modifyitems(config, items):
    shared = Path(__file__).resolve().parents[2] / "shared"
    if shared.is_dir():
        return
    skip = pytest.mark.skip(reason=f"needs {shared} (seeds, score.py, schemas) beside the clone")
    for item in items:
        if Path(str(item.fspath)).name in NEEDS_SHARED or "[seeds]" in item.nodeid \
                or getattr(item, "originalname", item.name) in NEEDS_SHARED_TESTS:
            item.add_marker(skip)
