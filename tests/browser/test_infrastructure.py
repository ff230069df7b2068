"""The checks the browser tests rely on can fail: axe-core reports violations, other hosts are flagged."""

from .helpers import axe_violations, format_violations


def test_axe_reports_wcag_violations_readably(page, live_server):
    page.set_content('<html><body><main><input type="text"><p style="color:#bbb">blass</p></main></body></html>')

    violations = axe_violations(page)

    rules = {violation["id"] for violation in violations}
    assert {"html-has-lang", "label", "color-contrast"} <= rules
    report = format_violations(violations)
    assert "label: Form elements must have labels" in report
    assert '<input type="text">' in report


def test_request_log_flags_requests_to_other_hosts(page, live_server, request_log):
    page.route("http://tracker.invalid/**", lambda route: route.abort())
    page.goto(live_server.url + "/static/css/krisenwissen.css")
    page.set_content('<img src="http://tracker.invalid/pixel.gif" alt="">')
    page.wait_for_timeout(200)

    assert request_log.third_party() == ["http://tracker.invalid/pixel.gif"]
    assert any(url.endswith("/static/css/krisenwissen.css") for url in request_log.urls)
    # This test made the third-party request on purpose; keep the fixture's own check from failing it.
    request_log.urls.clear()
