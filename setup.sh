#!/usr/bin/env bash
# Installs everything briefing needs on Debian (run as root, or with sudo available),
# then builds the example briefings into build/.
set -euo pipefail
cd "$(dirname "$0")"

packages=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0   # WeasyPrint's text layout and fast font subsetting
  fontconfig fonts-noto-core fonts-noto-cjk fonts-dejavu-core   # the fonts of all six scripts
  poppler-utils                                           # pdftoppm/pdftotext, to look at the PDFs
  chromium chromium-driver                                # the tests that open the build overview in a browser
)
python3 -c 'import ensurepip' 2>/dev/null || packages+=(python3-venv)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
# Compiled here, as pip compiles installed packages: briefing is installed from this folder,
# which pip leaves alone, and Python may be told not to write its cache (PYTHONDONTWRITEBYTECODE).
.venv/bin/python -m compileall -q briefing

.venv/bin/briefing build
