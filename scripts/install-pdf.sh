#!/usr/bin/env bash
# Installs what WeasyPrint needs for the PDF of the whole plan (build --pdf, tests/test_site_pdf.py):
# Debian's Pango (layout), HarfBuzz's subsetter (the same font subsets, so the same bytes, on every machine)
# and the Japanese font the PDF embeds (Noto Sans CJK JP; fc-list finds it).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-noto-cjk >/dev/null
echo "pdf: $(fc-list ':family=Noto Sans CJK JP' family | head -1)"
