"""What the browser tests call: ``visit`` a page and ``assert_accessible`` with axe-core.

Every test module imports this module first. Without Chromium at ``/usr/bin/chromium`` (or
``$CHROMIUM_PATH``) the import skips the module, always from the same line with the same reason,
so pytest reports all browser tests as skipped in one line. ``make test`` installs Chromium
through ``scripts/ensure-chromium.sh``.
"""

import json
import os
from pathlib import Path

import pytest

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_available() -> bool:
    return os.access(CHROMIUM_PATH, os.X_OK)


if not chromium_available():
    pytest.skip(
        f"browser tests need Chromium at {CHROMIUM_PATH}; install it with `apt-get install chromium` "
        "(`make test` does so through scripts/ensure-chromium.sh)",
        allow_module_level=True,
    )

import axe_playwright_python  # noqa: E402

# axe-core as shipped inside the axe_playwright_python package: read from disk, never fetched.
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
AXE_SOURCE_AS_EXPRESSION = f"() => {{ {AXE_SOURCE}\n; return typeof window.axe; }}"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def axe_violations(page) -> list[dict]:
    """Run axe-core with the WCAG 2.1 A and AA rules on the current page; return the violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
        # govern; a <script> tag with inline code would (rightly) be refused.
        page.evaluate(AXE_SOURCE_AS_EXPRESSION)
    result = page.evaluate("options => window.axe.run(document, options)", AXE_OPTIONS)
    return result["violations"]


def format_violations(violations: list[dict]) -> str:
    """One block per rule: impact, rule id, help text, and the offending elements with axe's advice."""
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:8]:
            lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:200]}")
            summary = " ".join((node.get("failureSummary") or "").split())
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    … and {len(violation['nodes']) - 8} more elements")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    """Fail with a readable report unless axe-core finds no WCAG 2.1 A/AA violation on the page."""
    violations = axe_violations(page)
    assert not violations, (
        f"axe-core found {len(violations)} WCAG 2.1 A/AA violation(s) on {page.url}:\n{format_violations(violations)}"
    )


def assert_no_cookies(page) -> None:
    cookies = page.context.cookies()
    assert cookies == [], f"{page.url} set cookies for an anonymous visitor: {[c['name'] for c in cookies]}"


def visit(page, path: str, status: int = 200):
    """Open ``path`` as an anonymous visitor; check the status, WCAG 2.1 AA and that no cookie was set."""
    response = page.goto(path)
    assert response is not None, f"no response for {path}"
    assert response.status == status, f"{path} answered {response.status}, expected {status}"
    assert_accessible(page)
    assert_no_cookies(page)
    return response
