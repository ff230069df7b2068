#!/usr/bin/env bash
# Create the virtual environment with the newest Python >= 3.11 on this machine.
# On a fresh Debian/Ubuntu the venv module may lack ensurepip (package python3-venv); then we
# install that package when we may, or build the venv without pip and use the system pip.
set -euo pipefail
venv=${1:-.venv}
[ -x "$venv/bin/python" ] && "$venv/bin/python" -m pip --version >/dev/null 2>&1 && exit 0

python=""
for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
  [ -n "$candidate" ] || continue
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    python=$candidate; break
  fi
done
if [ -z "$python" ]; then
  echo "Krisenwissen needs Python 3.11 or newer; none was found on PATH." >&2
  exit 1
fi

rm -rf "$venv"
if "$python" -m venv "$venv" 2>/dev/null; then
  exit 0
fi
rm -rf "$venv"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  apt-get install -y -q "python${version}-venv" >/dev/null 2>&1 || apt-get install -y -q python3-venv >/dev/null 2>&1 || true
  if "$python" -m venv "$venv" 2>/dev/null; then exit 0; fi
  rm -rf "$venv"
fi
if "$python" -m pip --version >/dev/null 2>&1; then
  "$python" -m venv --without-pip "$venv"
  "$python" -m pip --python "$venv/bin/python" install --quiet pip
  exit 0
fi
echo "Could not create a virtual environment: install the package python3-venv (apt-get install python3-venv)." >&2
exit 1
