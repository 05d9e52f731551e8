#!/bin/sh
# Install Virtuoso Open Source 7 (virtuoso-t, isql-vt) for the remote-store tests and the benchmark.
# Idempotent: does nothing when virtuoso-t is already on PATH. Never fails the build:
# when it cannot install, it says why and exits 0 (the Virtuoso tests then skip with that reason).
set -u

if command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1; then
    echo "virtuoso: $(command -v virtuoso-t) already installed"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "virtuoso: not installed and apt-get is not available on this system;" \
         "install Virtuoso Open Source 7 by other means (https://vos.openlinksw.com/)"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "virtuoso: not installed and this is not root; run: sudo apt-get install -y virtuoso-opensource-7"
    exit 0
fi
# Another apt run (e.g. unattended upgrades) holds the lock: wait for it rather than fail.
apt_get() {
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@"
}
if ! apt-cache show virtuoso-opensource-7 >/dev/null 2>&1; then
    apt_get update -qq || true
fi
if apt_get install -y -qq virtuoso-opensource-7 >/tmp/install-virtuoso.log 2>&1; then
    # The package starts a system service on port 8890/1111; the tests run their own server.
    if command -v service >/dev/null 2>&1; then
        service virtuoso-opensource-7 stop >/dev/null 2>&1 || true
    fi
    echo "virtuoso: installed $(command -v virtuoso-t)"
else
    echo "virtuoso: apt-get install virtuoso-opensource-7 failed (see /tmp/install-virtuoso.log):"
    tail -n 5 /tmp/install-virtuoso.log
fi
exit 0
