"""The shipped nginx site configuration is valid for the nginx of the documented server (Debian 12)."""

import shutil
import subprocess
from pathlib import Path

import pytest

from django.conf import settings

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
DEPLOY = Path(settings.BASE_DIR) / "deploy" / "nginx"


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed on this machine")
def test_nginx_site_configuration_passes_nginx_t(tmp_path):
    """``nginx -t`` on the site file as shipped, with only paths and certificates replaced."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    site = (DEPLOY / "krisenwissen.conf").read_text(encoding="utf-8")
    for original, replacement in {
        "/etc/letsencrypt/live/krisenwissen.example.de/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/krisenwissen.example.de/privkey.pem": str(key),
        "/etc/krisenwissen/proxy_params": str(DEPLOY / "proxy_params"),
        "/var/log/nginx/krisenwissen.access.log": str(tmp_path / "access.log"),
    }.items():
        assert original in site, original
        site = site.replace(original, replacement)
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    mime_types = Path("/etc/nginx/mime.types")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{\n"
        + (f"    include {mime_types};\n" if mime_types.exists() else "")
        # The access log format docs/deployment.md asks for in nginx.conf.
        + "    log_format combined_noip '$time_iso8601 \"$request\" $status $body_bytes_sent $request_time';\n"
        + f"    include {tmp_path}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [NGINX, "-e", str(tmp_path / "error.log"), "-t", "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr
