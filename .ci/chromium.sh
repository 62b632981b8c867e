#!/usr/bin/env bash
# Provides the headless browser of the dashboard's tests (packages/server/test/ui-browser):
# Debian's chromium package, installed when the machine has none (CI runs as root). The tests
# drive it with puppeteer-core; there is no browser download step. Source it: `. .ci/chromium.sh`.

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "> installing Chromium (Debian package chromium)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
fi
