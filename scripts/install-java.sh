#!/usr/bin/env bash
# Installs Debian's Java runtime for the W3C Nu HTML Checker (tests/test_site_html.py).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq default-jre-headless >/dev/null
echo "java: $(java -version 2>&1 | head -1)"
