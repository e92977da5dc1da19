# Sourced by run-all-tests: the HTML report's browser test needs Debian's chromium + chromium-driver.
ensure_browser() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium + chromium-driver (Debian packages) for the report's browser test"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "warning: /usr/bin/chromium or /usr/bin/chromedriver missing and cannot apt-get here;" >&2
    echo "         the HTML report browser test will fail. Install: apt-get install chromium chromium-driver" >&2
  fi
}
