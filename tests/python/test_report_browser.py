"""The report of a real sweep (scenarios/experiments/smoke.yaml) rendered in headless Chromium
(Debian's `chromium`): every image loads, the page requests nothing from elsewhere, and a
screenshot of what a reader sees is saved ($LOCALISM_SCREENSHOT, else the test's directory).

Skipped with the reason when the localism binary is missing or Chromium cannot start
(scripts/setup.sh installs it)."""
import json
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from analysis import report
from localism_bin import localism_binary

REPO = Path(__file__).resolve().parents[2]
# Nothing may leave the machine whatever the page asks for: names resolve to nowhere, and the
# browser's own background services (updates, sync) are off.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--no-first-run", "--disable-background-networking", "--disable-sync",
                  "--disable-component-update", "--disable-default-apps",
                  "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars"]
# Injected into a copy of the report only: a policy that blocks and reports any request that is
# not an inline image, and a script that records, once the page has loaded, whether each image
# decoded and which resources the page tried to fetch.
PROBE = """<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:;
style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<script>const blocked = [];
document.addEventListener('securitypolicyviolation', e => blocked.push(e.blockedURI));
window.addEventListener('load', () => setTimeout(() => {
  for (const img of document.images)
    img.dataset.loaded = (img.complete && img.naturalWidth > 0) ? 'yes' : 'no';
  document.body.dataset.blocked = JSON.stringify(blocked);
  document.body.dataset.resources = JSON.stringify(
    performance.getEntriesByType('resource').map(r => r.name));
  document.body.dataset.images = String(document.images.length);
}, 0));</script>"""


# Wide as a laptop screen, tall enough to hold the report down to its last figure.
SHOT = (1280, 9000)


def _chromium(args, timeout=180):
    return subprocess.run(["chromium", *CHROMIUM_FLAGS, *args], capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="module")
def chromium():
    if shutil.which("chromium") is None:
        pytest.skip("chromium not installed (scripts/setup.sh installs Debian's chromium)")
    try:
        done = _chromium(["--dump-dom", "about:blank"], timeout=60)
    except subprocess.TimeoutExpired:
        pytest.skip("chromium did not start within 60 s")
    if done.returncode != 0 or "<body" not in done.stdout:
        pytest.skip(f"chromium cannot start here: {done.stderr.strip()[-300:]}")


@pytest.fixture(scope="module")
def report_html(tmp_path_factory):
    binary = localism_binary()
    work = tmp_path_factory.mktemp("browser")
    done = subprocess.run([str(binary), "sweep", str(REPO / "scenarios/experiments/smoke.yaml"),
                           "-o", str(work / "sweep"), "--jobs", "2"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    out = work / "report.html"
    assert report.main([str(work / "sweep"), "-o", str(out), "--bootstrap", "50"]) == 0
    return out


def test_report_source_has_no_external_references(report_html):
    document = report_html.read_text()
    targets = re.findall(r"""\b(?:src|href|action|poster)\s*=\s*["']?([^"'\s>]*)""", document)
    assert all(t.startswith(("data:", "#")) for t in targets), targets
    styles = "".join(re.findall(r"<style>(.*?)</style>", document, re.S))
    assert not re.search(r"url\(|@import", styles)
    assert not re.search(r"<(link|iframe|script|object|embed)\b", document)
    assert document.count("<img") >= 4
    assert all(src.startswith("data:image/") for src in
               re.findall(r'<img[^>]*src="([^"]*)"', document))


def test_every_image_loads_and_nothing_is_fetched(chromium, report_html, tmp_path):
    probe = tmp_path / "probe.html"
    probe.write_text(report_html.read_text().replace("<head>", "<head>" + PROBE, 1))
    done = _chromium(["--virtual-time-budget=20000", "--dump-dom", probe.as_uri()])
    assert done.returncode == 0, done.stderr[-500:]
    body = re.search(r"<body([^>]*)>", done.stdout)
    assert body, "no <body> in the dumped DOM"
    attrs = dict(re.findall(r'data-(\w+)="([^"]*)"', body.group(1).replace("&quot;", '"')))
    assert "images" in attrs, "the probe script did not run"
    loaded = re.findall(r'<img[^>]*data-loaded="(yes|no)"', done.stdout)
    assert int(attrs["images"]) == len(loaded) == report_html.read_text().count("<img")
    assert loaded and set(loaded) == {"yes"}, f"{loaded.count('no')} image(s) failed to load"
    assert json.loads(attrs["blocked"]) == []
    assert json.loads(attrs["resources"]) == []


def _png_size(path):
    header = Path(path).read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_screenshot_of_the_report(chromium, report_html, tmp_path):
    shot = Path(os.environ.get("LOCALISM_SCREENSHOT", tmp_path / "report.png")).resolve()
    shot.parent.mkdir(parents=True, exist_ok=True)
    done = _chromium([f"--screenshot={shot}", f"--window-size={SHOT[0]},{SHOT[1]}",
                      "--virtual-time-budget=20000", report_html.as_uri()])
    assert done.returncode == 0, done.stderr[-500:]
    assert _png_size(shot) == SHOT
    import matplotlib.image
    pixels = matplotlib.image.imread(shot)
    assert pixels[..., :3].std() > 0.05  # text and figures, not a blank page
    print(f"screenshot: {shot}")
