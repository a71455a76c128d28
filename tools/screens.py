"""Take screenshots of the running site for a look (developer tool, not a test).

    .venv/bin/python tools/screens.py http://127.0.0.1:8000 /tmp/shots keyuan:gongkai-demo-2026 /admin/ /admin/foi/ ...
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    base, out, login, *paths = sys.argv[1:]
    Path(out).mkdir(parents=True, exist_ok=True)
    width = 1366
    if paths and paths[0].startswith("--width="):
        width = int(paths.pop(0).split("=")[1])
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": 900}, locale="zh-CN")
        if login != "-":
            user, pw = login.split(":", 1)
            page.goto(base + "/admin/login/")
            page.fill("input[name=username]", user)
            page.fill("input[name=password]", pw)
            page.click("button[type=submit]")
            page.wait_for_load_state("networkidle")
        for i, path in enumerate(paths):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            name = f"{i:02d}-" + (path.strip("/").replace("/", "_").replace("?", "_").replace("=", "-").replace("&", "_") or "home") + ".png"
            page.screenshot(path=str(Path(out) / name), full_page=True)
            print(Path(out) / name)
        browser.close()


if __name__ == "__main__":
    main()
