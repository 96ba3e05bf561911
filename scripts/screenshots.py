"""Screenshots of the main pages of the web UI, for the README: `make screenshots`.

Loads the shared SDN and UN lists into a fresh database, starts `chokepoint serve` with two
analysts' keys, walks through screening, a shipment, a case decided and approved, the lists
and the audit log in headless Chromium, and writes PNGs to docs/. The ownership page is shot
on a second database: the README's worked example (the fixture SDN entries and
`tests/fixtures/ownership/group.csv`), DELTA explained.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from tests.live_server import CLI, live_server
from tests.web.conftest import ALICE, BOB, CHROMIUM, CHROMIUM_ARGS, sign_in

ROOT = Path(__file__).resolve().parents[1]


def shoot(page: Page, name: str, width: int = 1280) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.screenshot(path=ROOT / "docs" / f"{name}.png", full_page=True)


def load_second_un_version(shared: Path, tmp: Path, db: str) -> None:
    """A UN list in which one name changed, as a new version, so the lists page has
    changes to show."""
    folder = tmp / "un_sc_sanctions"
    folder.mkdir()
    xml = (shared / "lists" / "un_sc_sanctions" / "consolidated.xml").read_text("utf-8")
    renamed = xml.replace("<SECOND_NAME>BADEGE</SECOND_NAME>", "<SECOND_NAME>BADEGUE</SECOND_NAME>")
    (folder / "consolidated.xml").write_text(renamed, "utf-8")
    subprocess.run([CLI, "lists", "load", str(folder), "--db", db], check=True)


def shoot_ownership(tmp: Path, env: dict[str, str]) -> None:
    """docs/ownership.png: the graph around DELTA of the README's worked example."""
    fixtures = ROOT / "tests" / "fixtures" / "ownership"
    db = str(tmp / "group.db")
    subprocess.run([CLI, "lists", "load", str(fixtures), "--db", db], check=True)
    subprocess.run([CLI, "ownership", "load", str(fixtures / "group.csv"), "--db", db], check=True)
    with live_server(db, tmp / "ownership-server.log", env) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(base_url=base, java_script_enabled=False).new_page()
        sign_in(page, ALICE, "/ui/ownership?entity=delta")
        page.get_by_role("img", name="Ownership graph around DELTA ENGINEERING LLC").wait_for()
        shoot(page, "ownership")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="chokepoint-shots-"))
    db = str(tmp / "lists.db")
    only = "us_ofac_sdn,un_sc_sanctions,us_trade_csl"
    subprocess.run(
        [CLI, "lists", "load", str(args.shared / "lists"), "--only", only, "--db", db], check=True
    )
    env = {"CHOKEPOINT_API_KEYS": f"alice:{ALICE},bob:{BOB}"}
    (ROOT / "docs").mkdir(exist_ok=True)
    with live_server(db, tmp / "server.log", env) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(base_url=base).new_page()
        sign_in(
            page,
            ALICE,
            "/ui/screen?name=%D0%9E%D0%9E%D0%9E+%D0%9C%D0%BE%D0%BB%D0%BE%D1%82-%D0%9E%D1%80%D1%83%D0%B6%D0%B8%D0%B5",
        )
        shoot(page, "screen")
        shoot(page, "screen-390", width=390)
        page.goto("/ui/shipment")
        page.get_by_label("Upload a JSON file").set_input_files(
            ROOT / "examples" / "shipment-blocked.json"
        )
        page.get_by_role("button", name="Screen shipment").click()
        page.get_by_test_id("decision-word").wait_for()
        shoot(page, "shipment")
        page.goto("/ui/screen?name=Eric+Badege&schema=Person")
        page.get_by_role("button", name="Record a case").click()
        page.get_by_label("Disposition").select_option("false_positive")
        page.get_by_label("Reason").fill("our customer was born in 1990; the listed man in 1971")
        page.get_by_role("button", name="Record decision").click()
        case_url = page.url.split("?")[0]
        page.get_by_role("button", name="Sign out").click()
        sign_in(page, BOB, case_url.removeprefix(base))
        page.get_by_role("button", name="Approve and close").click()
        page.get_by_test_id("case-status").wait_for()
        shoot(page, "case")
        page.goto("/ui/cases")
        shoot(page, "cases")
        load_second_un_version(args.shared, tmp, db)
        page.goto("/ui/lists")
        shoot(page, "lists")
        page.get_by_role("link", name="since v1").click()
        shoot(page, "diff")
        page.goto("/ui/audit")
        shoot(page, "audit")
        browser.close()
    shoot_ownership(tmp, env)
    print(f"screenshots in {ROOT / 'docs'}")


if __name__ == "__main__":
    main()
