#!/usr/bin/env bash
# What `npm test` needs besides npm, checked before it runs (the `pretest` script):
# - a Chromium Playwright can drive: the system one e2e/support/environment.ts looks for
#   ($CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome), or
#   Playwright's own (`npx playwright install chromium`);
# - promtool (the lint tests compare with it), prometheus and prometheus-pushgateway (the round
#   trip, `npm run test:prometheus`).
# All there: prints nothing, exits 0. Some missing: as root on Debian/Ubuntu (apt-get), installs
# just those Debian packages (chromium, prometheus for promtool and prometheus,
# prometheus-pushgateway) without prompts; otherwise stops at once, exit 1, printing the command
# to run. SYSTEM_PACKAGES_AS_ROOT=0 or 1 overrides the root check (for testing this script).
set -euo pipefail
# The repository root, with builtins only (this may run with a bare PATH).
case $0 in */*) cd "${0%/*}/.." ;; *) cd .. ;; esac

has() { command -v "$1" >/dev/null 2>&1; }

has_chromium() {
  local p
  for p in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    [ -n "$p" ] && [ -e "$p" ] && return 0
  done
  # Playwright's own download, if any (needs `npm ci` first, which `npm test` implies).
  has node && node -e 'process.exit(require("node:fs").existsSync(require("@playwright/test").chromium.executablePath()) ? 0 : 1)' >/dev/null 2>&1
}

missing_packages() {
  local missing=()
  has_chromium || missing+=(chromium)
  { has promtool && has prometheus; } || missing+=(prometheus)
  has prometheus-pushgateway || missing+=(prometheus-pushgateway)
  echo "${missing[*]}"
}

missing=$(missing_packages)
[ -z "$missing" ] && exit 0

if [ "${SYSTEM_PACKAGES_AS_ROOT:-$([ "$EUID" -eq 0 ] && echo 1 || echo 0)}" = 1 ] && has apt-get; then
  echo "system-packages: installing Debian packages: $missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update </dev/null
  # shellcheck disable=SC2086 # one word per package
  apt-get install -y $missing </dev/null
  still=$(missing_packages)
  [ -z "$still" ] && exit 0
  echo "system-packages: still missing after apt-get install: $still" >&2
  exit 1
fi

{
  echo "npm test needs programs that npm does not install; missing: $missing"
  if has apt-get; then
    echo "Install them with:"
    echo "  sudo apt-get install -y $missing"
    case " $missing " in
      *" chromium "*) echo "(or, for the browser alone, let Playwright fetch its own: npx playwright install chromium)" ;;
    esac
  else
    for package in $missing; do
      case $package in
        chromium) echo "  Chromium for Playwright: npx playwright install chromium" ;;
        prometheus) echo "  promtool and prometheus: https://prometheus.io/download/ (put both on your PATH)" ;;
        prometheus-pushgateway)
          echo "  the Pushgateway: https://github.com/prometheus/pushgateway/releases (put its binary on your PATH as prometheus-pushgateway)" ;;
      esac
    done
  fi
} >&2
exit 1
