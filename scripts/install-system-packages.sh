#!/usr/bin/env bash
# Installs the Debian packages the test suite drives: Chromium (browser tests)
# and Virtuoso (remote-store tests). Idempotent; says why when it cannot.
set -u
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v virtuoso-t >/dev/null 2>&1 || missing+=(virtuoso-opensource-7)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=sudo
  else
    echo "install-system-packages: not root and no sudo; the tests that need ${missing[*]} will be skipped with this reason" >&2
    exit 0
  fi
else
  SUDO=
fi
echo "install-system-packages: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || echo "install-system-packages: apt-get update failed" >&2
if ! $SUDO apt-get install -y -qq "${missing[@]}" >/tmp/councilgraph-apt.log 2>&1; then
  echo "install-system-packages: apt-get install ${missing[*]} failed (see /tmp/councilgraph-apt.log); dependent tests will be skipped with this reason" >&2
fi
exit 0
