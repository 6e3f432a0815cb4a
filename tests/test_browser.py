"""Real-browser test: JupyterLab in headless Chromium, driven by Playwright.

Opens notebook 04 in a copy of the project, runs it, clicks a verdict with a note, checks the
decision is in the log and still shown after a kernel restart; then opens a rendered HTML
report of an article carrying a <script> tag and checks it is shown as text, not run.
Chromium comes from Debian (`make test` installs it); the test is skipped without it.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NOTE = "browser test note"
ANALYST = "browser-test"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _project_copy(tmp: Path) -> Path:
    """A throwaway project: notebook 04 with the analyst parameter set, and the seed articles."""
    (tmp / "notebooks").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "articles", tmp / "data" / "articles")
    (tmp / "data" / "decisions").mkdir()
    nb = json.loads((ROOT / "notebooks" / "04_discrepancies.ipynb").read_text())
    for cell in nb["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            cell["source"] = "".join(cell["source"]).replace(
                'analyst = ""', f'analyst = "{ANALYST}"'
            )
    (tmp / "notebooks" / "04_discrepancies.ipynb").write_text(json.dumps(nb))
    return tmp


@pytest.fixture
def lab(tmp_path):
    root = _project_copy(tmp_path / "project")
    port, token = _free_port(), "crosscheck-test-token"
    env = {k: v for k, v in os.environ.items() if k != "CROSSCHECK_HEADLESS"}
    env |= {
        "CROSSCHECK_ROOT": str(root),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "jcfg"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "jrun"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "jws"),
    }
    cmd = [
        str(Path(sys.executable).with_name("jupyter")),
        "lab",
        "--no-browser",
        f"--port={port}",
        f"--ServerApp.token={token}",
        "--ServerApp.ip=127.0.0.1",
        "--allow-root",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
    ]
    log = open(tmp_path / "lab.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.5)
        yield root, f"http://127.0.0.1:{port}", token
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _wait_idle(page, timeout=120_000):
    page.wait_for_function(
        """() => { const t = [...document.querySelectorAll('.jp-StatusBar-Widget')]
                   .map(e => e.textContent).join(' ');
                   return t.includes('| Idle') && !t.includes('No Kernel'); }""",
        timeout=timeout,
    )


def _menu(page, menu, item):
    page.locator(f'.lm-MenuBar-itemLabel:text-is("{menu}")').click()
    page.locator(f'.lm-Menu-itemLabel:text-is("{item}")').click()


def _decisions(root: Path) -> list[dict]:
    path = root / "data" / "decisions" / f"{ANALYST}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_review_in_jupyterlab_survives_a_kernel_restart(lab, tmp_path):
    from playwright.sync_api import sync_playwright

    root, base, token = lab
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(f"{base}/lab/tree/notebooks/04_discrepancies.ipynb?token={token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
            _wait_idle(page)
            _menu(page, "Run", "Run All Cells")
            verdict = page.locator("button.jupyter-button", has_text="Real discrepancy").first
            verdict.wait_for(timeout=180_000)
            _wait_idle(page)
            page.locator(".widget-textarea textarea").first.fill(NOTE)
            verdict.click()
            deadline = time.time() + 30
            while time.time() < deadline and not _decisions(root):
                time.sleep(0.5)
            saved = _decisions(root)
            assert len(saved) == 1, "the click did not append exactly one decision"
            assert saved[0]["verdict"] == "real_discrepancy" and saved[0]["note"] == NOTE

            _menu(page, "Kernel", "Restart Kernel and Run All Cells…")
            page.locator(".jp-Dialog-button.jp-mod-accept").click()
            page.wait_for_timeout(2000)
            _wait_idle(page)
            page.locator(".jp-RenderedHTMLCommon", has_text=NOTE).first.wait_for(timeout=120_000)
            assert len(_decisions(root)) == 1, "re-running must not write decisions"
        except Exception:
            page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
            shutil.copy(tmp_path / "failure.png", ROOT / "reports" / "browser-failure.png")
            raise
        finally:
            browser.close()


def test_rendered_report_shows_script_tags_as_text(tmp_path):
    from playwright.sync_api import sync_playwright

    from crosscheck.workbook import execute_notebook

    articles = tmp_path / "articles"
    articles.mkdir()
    payload = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    (articles / "hostile.txt").write_text(
        "Officials said the bridge was destroyed on Monday. " + payload + " The mayor said so.\n"
    )
    html = execute_notebook(
        ROOT / "notebooks" / "01_claims.ipynb", tmp_path, {"articles_dir": str(articles)}
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(html.as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned") is None
        assert "<script>window.__pwned = 1</script>" in page.inner_text("body")
        browser.close()
