#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (never a browser downloaded by a test tool). Install it when
# it is missing and we are allowed to; otherwise the browser tests skip with one line saying why.
set -uo pipefail
browser=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$browser" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests (apt-get install chromium) …"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1; then
    apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1
  fi
fi
[ -x "$browser" ] || echo "Chromium is not installed and could not be installed here; browser tests will be skipped."
exit 0
