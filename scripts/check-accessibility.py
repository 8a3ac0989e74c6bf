#!/usr/bin/env python3
"""Checks the board memos against WCAG 2.1 A and AA with axe-core, in a real headless Chromium.

For every example dossier the `wikken` binary writes the HTML memo (with SMAA, so every kind of
chart is present); Selenium opens it in Chromium (Debian's chromium and chromium-driver), injects
axe-core (bundled with axe-selenium-python, no network) and runs the wcag2a, wcag2aa, wcag21a and
wcag21aa rules, at desktop and at phone width. Any violation fails the check and is listed.
Run by .ci/run after the tests have built the binary."""
import glob, os, subprocess, sys, tempfile

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.environ.get("WIKKEN_BIN", os.path.join(root, ".build", "debug", "wikken"))
chromium = os.environ.get("WIKKEN_CHROMIUM", "/usr/bin/chromium")
driver_path = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")

options = webdriver.ChromeOptions()
options.binary_location = chromium
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service(driver_path), options=options)
driver.set_script_timeout(120)

RUN = ("var done = arguments[arguments.length - 1];"
       "var wanted = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];"
       "var known = {}; axe.getRules().forEach(function (rule) { rule.tags.forEach(function (t) { known[t] = true; }); });"
       "axe.run(document, {runOnly: {type: 'tag', values: wanted.filter(function (t) { return known[t]; })}})"
       ".then(function (r) { done({violations: r.violations, passes: r.passes, version: axe.version, tags: wanted.filter(function (t) { return known[t]; })}); })"
       ".catch(function (e) { done({error: String(e)}); });")

passed = failed = 0
with tempfile.TemporaryDirectory() as folder:
    # First make sure the checker can fail: a page with known faults must give violations.
    bad = os.path.join(folder, "fout.html")
    with open(bad, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><html><head><title>x</title></head><body><img src="x.png">'
                '<p style="color:#bbb;background:#fff">te licht</p></body></html>')
    driver.get("file://" + bad)
    Axe(driver).inject()
    probe = driver.execute_async_script(RUN)
    found = sorted(v["id"] for v in probe.get("violations", []))
    if not {"image-alt", "html-has-lang"} <= set(found):
        raise SystemExit(f"the checker missed known faults (found {found}); not trusting it")
    print(f"self-check: known faults found ({', '.join(found)})")

    reports = []
    for dossier in sorted(glob.glob(os.path.join(root, "Examples", "*.yaml"))):
        name = os.path.splitext(os.path.basename(dossier))[0]
        reports.append((name, [binary, "rapport", dossier, "--smaa", "--datum", "2026-11-30", "--uit"]))
    # The veerkracht report on the real Utrecht data, in the same form.
    data = os.path.join(root, "Data", "veerkracht")
    reports.append(("veerkracht-utrecht", [binary, "veerkracht", "rapport", "--kwb", os.path.join(data, "cbs_kwb2023_gemeente_utrecht.csv"),
                                           "--lbm", os.path.join(data, "lbm3_2020_buurt_provincie_utrecht.csv"), "--datum", "2026-12-01", "--uit"]))
    for name, command in reports:
        page = os.path.join(folder, name + ".html")
        subprocess.run(command + [page], check=True, capture_output=True)
        for width, height in [(1280, 900), (375, 800)]:
            driver.set_window_size(width, height)
            driver.get("file://" + page)
            Axe(driver).inject()
            # axe-selenium-python's own run() waits forever with this axe version; call axe.run directly.
            results = driver.execute_async_script(RUN)
            if "error" in results:
                raise SystemExit(f"axe-core failed on {name}: {results['error']}")
            violations = results["violations"]
            label = f"{name} at {width}px"
            if violations:
                failed += 1
                print(f"{label}: {len(violations)} violation(s)")
                for v in violations:
                    print(f"  - {v['id']} ({v['impact']}): {v['help']}")
                    for node in v["nodes"][:3]:
                        print(f"      {node['target']}")
            else:
                passed += 1
                print(f"{label}: no violations ({len(results['passes'])} rules passed; axe-core {results['version']}, {', '.join(results['tags'])})")
            if width == 375:
                # WCAG 1.4.10 (reflow): the memo must not scroll sideways on a phone.
                overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if overflow > 0:
                    failed += 1
                    print(f"{label}: FAILED, {overflow}px too wide (sideways scrolling)")
                else:
                    passed += 1
                    print(f"{label}: no sideways scrolling")
    # The PDF memo through headless Chromium: a real PDF with several A4 pages.
    pdf = os.path.join(folder, "memo.pdf")
    subprocess.run([binary, "rapport", os.path.join(root, "Examples", "wijkaanpak-neckardreef.yaml"), "--uit", pdf, "--datum", "2026-11-30"], check=True, capture_output=True)
    data = open(pdf, "rb").read()
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    if data.startswith(b"%PDF") and pages >= 3:
        passed += 1
        print(f"pdf memo: {pages} pages")
    else:
        failed += 1
        print(f"pdf memo: not a PDF of several pages ({len(data)} bytes, {pages} pages)")
driver.quit()
print(f"accessibility: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
