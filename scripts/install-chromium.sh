#!/usr/bin/env bash
# Installs Debian's chromium (and Japanese fonts for readable screenshots).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
echo "chromium: $(/usr/bin/chromium --version)"
