"""Real-browser test: JupyterLab in headless Chromium, driven by Playwright.

Opens notebook 04 in a copy of the project, runs it, clicks a verdict with a note, checks the
decision is in the log and still shown after a kernel restart; then opens a rendered HTML
report of an article carrying a <script> tag and checks it is shown as text, not run. The
rendered review opens with the network blocked and asks for nothing outside the file; `make
review` (Voila) serves the panel on localhost with no outside request, and its progress updates
after a verdict without re-running anything, and after another analyst's kernel writes to the
case without a click. An entity merge made in notebook 02's override panel moves the row it
caused to notebook 04's overridden list.
Chromium comes from Debian (`make test` installs it); the test is skipped without it.
"""

import contextlib
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
OTHER = "second-analyst"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _project_copy(tmp: Path, notebooks=("04_discrepancies",)) -> Path:
    """A throwaway project: the notebooks with the analyst parameter set, and the seed articles."""
    (tmp / "notebooks").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "articles", tmp / "data" / "articles")
    (tmp / "data" / "decisions").mkdir()
    for name in notebooks:
        nb = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text())
        for cell in nb["cells"]:
            if "parameters" in cell.get("metadata", {}).get("tags", []):
                cell["source"] = "".join(cell["source"]).replace(
                    'analyst = ""', f'analyst = "{ANALYST}"'
                )
        (tmp / "notebooks" / f"{name}.ipynb").write_text(json.dumps(nb))
    return tmp


@contextlib.contextmanager
def _server(command: list[str], env: dict, log_path: Path, port: int):
    """Run a local server (JupyterLab or Voila) until the block ends: wait up to 60 s for its
    port, stop it with SIGTERM (then kill) afterwards; its output goes to log_path."""
    log = open(log_path, "w")  # noqa: SIM115
    proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.5)
        yield
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@contextlib.contextmanager
def _serve_lab(tmp_path, root: Path, extra_env=None):
    port, token = _free_port(), "crosscheck-test-token"
    env = {k: v for k, v in os.environ.items() if k != "CROSSCHECK_HEADLESS"}
    env |= {
        "CROSSCHECK_ROOT": str(root),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "jcfg"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "jrun"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "jws"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),  # a remembered analyst stays in the test
        **(extra_env or {}),
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
    with _server(cmd, env, tmp_path / "lab.log", port):
        yield root, f"http://127.0.0.1:{port}", token


@pytest.fixture
def lab(tmp_path):
    with _serve_lab(tmp_path, _project_copy(tmp_path / "project")) as served:
        yield served


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
    """The test analyst's decisions, in the case's own folder (data/decisions/cases/<case>/)."""
    return [
        json.loads(line)
        for path in sorted((root / "data" / "decisions").rglob(f"{ANALYST}.jsonl"))
        for line in path.read_text().splitlines()
        if line.strip()
    ]


def _block_network(context, allowed: str = "") -> list[str]:
    """Abort every request that is not a local file or under ``allowed``; returns the list the
    aborted URLs are appended to (the page must work with the network off)."""
    refused: list[str] = []

    def handle(route):
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:")) or (allowed and url.startswith(allowed)):
            route.continue_()
        else:
            refused.append(url)
            route.abort()

    context.route("**/*", handle)
    return refused


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
            deadline, seen, stable_since = time.time() + 30, -1, time.time()
            while time.time() < deadline:  # one line per discrepancy: wait until all are in
                n = len(_decisions(root))
                if n != seen:
                    seen, stable_since = n, time.time()
                elif n and time.time() - stable_since > 3:
                    break
                time.sleep(0.5)
            saved = _decisions(root)  # one line per discrepancy the item covers
            assert saved, "the click appended no decision"
            assert {(d["verdict"], d["note"]) for d in saved} == {("real_discrepancy", NOTE)}
            assert len({d["item_id"] for d in saved}) == len(saved)

            _menu(page, "Kernel", "Restart Kernel and Run All Cells…")
            page.locator(".jp-Dialog-button.jp-mod-accept").click()
            page.wait_for_timeout(2000)
            _wait_idle(page)
            page.locator(".jp-RenderedHTMLCommon", has_text=NOTE).first.wait_for(timeout=120_000)
            assert len(_decisions(root)) == len(saved), "re-running must not write decisions"
        except Exception:
            page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
            shutil.copy(tmp_path / "failure.png", ROOT / "reports" / "browser-failure.png")
            raise
        finally:
            browser.close()


def _variant_pair(case) -> dict:
    """A pair of names the tool did not call the same whose two names are the two values of an
    entity_variant discrepancy: merging them must move that row to the overridden list."""
    rows = case.discrepancies[case.discrepancies["kind"] == "entity_variant"]
    values = {frozenset((a.casefold(), b.casefold())) for a, b in zip(rows["value_a"],
              rows["value_b"], strict=True)}  # fmt: skip
    for pair in case.entity_pairs.to_dict("records"):
        names = frozenset((pair["surface_a"].casefold(), pair["surface_b"].casefold()))
        if pair["verdict"] != "same" and names in values:
            return pair
    pytest.fail("the case has no entity_variant discrepancy between the names of a pair")


def _entity_overrides(root: Path) -> list[dict]:
    return [d for d in _decisions(root) if d.get("item_kind") == "entity_override"]


def test_a_merge_in_notebook_02_moves_the_item_in_notebook_04(tmp_path, monkeypatch):
    from playwright.sync_api import sync_playwright

    from crosscheck.running.workbook import load_case

    root = _project_copy(tmp_path / "project", ("02_entities", "04_discrepancies"))
    cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}  # the case cache stays in the test
    monkeypatch.setenv("CROSSCHECK_ROOT", str(root))
    monkeypatch.setenv("XDG_CACHE_HOME", cache["XDG_CACHE_HOME"])
    case, _ = load_case("data/articles")  # the analysis the kernels then read from the cache
    pair = _variant_pair(case)
    option = f"{pair['verdict']}: {pair['surface_a']} / {pair['surface_b']} ({pair['kind']})"
    with _serve_lab(tmp_path, root, cache) as (_, base, token), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(f"{base}/lab/tree/notebooks/02_entities.ipynb?token={token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
            _wait_idle(page)
            _menu(page, "Run", "Run All Cells")
            merge = page.locator("button.jupyter-button", has_text="Same referent (merge)")
            merge.wait_for(timeout=300_000)
            _wait_idle(page)
            page.locator(".widget-dropdown select").first.select_option(label=option)
            merge.click()
            page.locator(".widget-html", has_text="Saved: merge").wait_for(timeout=60_000)
            (override,) = _entity_overrides(root)  # the widget wrote one line, in the case folder
            assert override["verdict"] == "merge" and override["analyst"] == ANALYST

            # ?reset: a fresh workspace, so 02 is not restored beside 04 and "Run All Cells"
            # cannot go to 02's tab; the tab is clicked as well, so 04 has the focus
            page.goto(f"{base}/lab/tree/notebooks/04_discrepancies.ipynb?reset&token={token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
            _wait_idle(page)
            page.locator(".lm-TabBar-tab", has_text="04_discrepancies").first.click()
            _menu(page, "Run", "Run All Cells")
            page.locator("button.jupyter-button", has_text="Real discrepancy").first.wait_for(
                timeout=600_000
            )
            _wait_idle(page, timeout=600_000)
            overridden = page.locator(".jp-RenderedHTMLCommon table", has_text="override_action")
            overridden.first.wait_for(timeout=60_000)
            rows = overridden.first.locator("tbody tr")
            texts = [rows.nth(i).inner_text() for i in range(rows.count())]
            moved = [t for t in texts if pair["surface_a"] in t or pair["surface_b"] in t]
            assert moved and all("merge" in t and ANALYST in t for t in moved), texts
        except Exception:
            page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
            (ROOT / "reports").mkdir(exist_ok=True)
            shutil.copy(tmp_path / "failure.png", ROOT / "reports" / "merge-02-04-failure.png")
            raise
        finally:
            browser.close()
    assert len(_entity_overrides(root)) == 1  # running 04 wrote nothing


def test_rendered_report_shows_script_tags_as_text(tmp_path):
    from playwright.sync_api import sync_playwright

    from crosscheck.running.workbook import execute_notebook

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


def test_rendered_review_needs_no_network_and_shows_the_review(tmp_path):
    from playwright.sync_api import sync_playwright

    from crosscheck.running.workbook import WIDGET_NOTE, execute_notebook

    html = execute_notebook(
        ROOT / "notebooks" / "04_discrepancies.ipynb",
        tmp_path,
        {"articles_dir": str(ROOT / "data" / "articles"), "reports_dir": str(tmp_path)},
    )
    assert str(ROOT) not in html.read_text(encoding="utf-8")  # no machine path
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context()
        refused = _block_network(context)
        failed = []
        page = context.new_page()
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.goto(html.as_uri())
        page.wait_for_load_state("networkidle")
        text = page.inner_text("body")
        browser.close()
    assert refused == [] and failed == [], (refused, failed)
    assert "discrepancies reviewed" in text  # the static review is there
    assert "An interactive panel is here in Jupyter" in text and "make review" in WIDGET_NOTE


@pytest.fixture
def review_app(tmp_path, monkeypatch):
    from crosscheck import workbook

    root = _project_copy(tmp_path / "project")
    monkeypatch.setenv("CROSSCHECK_ROOT", str(root))
    port, token = _free_port(), "crosscheck-review-token"
    command, env, _ = workbook.review_app_command("data/articles", "", port, token)
    env |= {"CROSSCHECK_ANALYST": ANALYST, "JUPYTER_RUNTIME_DIR": str(tmp_path / "jrun"),
            "XDG_CONFIG_HOME": str(tmp_path / "xdg")}  # fmt: skip
    with _server(command, env, tmp_path / "voila.log", port):
        yield root, f"http://127.0.0.1:{port}", token


def test_make_review_serves_the_panel_offline_and_progress_follows_verdicts(review_app, tmp_path):
    from playwright.sync_api import sync_playwright

    from crosscheck.decisions import DecisionLog

    root, base, token = review_app
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        refused = _block_network(context, allowed=base)
        page = context.new_page()
        try:
            page.goto(f"{base}/?token={token}", timeout=300_000)
            verdict = page.locator("button.jupyter-button", has_text="Real discrepancy").first
            verdict.wait_for(timeout=300_000)
            assert "load_case(" not in page.inner_text("body")  # no code is shown
            page.locator(".widget-html", has_text="discrepancies reviewed").first.wait_for()
            reviewed = """() => [...document.querySelectorAll('.widget-html')].some(
                e => /[1-9][0-9]* of [0-9]+ discrepancies reviewed/.test(e.textContent))"""
            assert not page.evaluate(reviewed)  # a fresh case: nothing reviewed yet
            cell = page.locator("table.dataframe td").first  # readable tables in the app too
            assert cell.evaluate("e => getComputedStyle(e).textAlign") == "left"
            verdict.click()
            page.wait_for_function(reviewed, timeout=60_000)  # the live summary, no re-run
            saved = _decisions(root)
            assert len(saved) >= 1 and {d["verdict"] for d in saved} == {"real_discrepancy"}
            # another analyst's kernel writes to the case: the views follow the files, no click
            (mine,) = {p.parent for p in (root / "data" / "decisions").rglob(f"{ANALYST}.jsonl")}
            DecisionLog(mine, read_only=False).append(OTHER, saved[0]["item_id"], "same_meaning")
            page.locator(".widget-html", has_text=OTHER).first.wait_for(timeout=60_000)
            assert page.locator(".widget-html", has_text="last updated").count()
        except Exception:
            page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
            shutil.copy(tmp_path / "failure.png", ROOT / "reports" / "review-app-failure.png")
            raise
        finally:
            browser.close()
    assert refused == [], refused
