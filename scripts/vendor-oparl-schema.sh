#!/bin/sh
# Rebuild tests/data/oparl-schema/ from a checkout of https://github.com/OParl/spec.
#
#   git clone https://github.com/OParl/spec /tmp/oparl-spec
#   git -C /tmp/oparl-spec checkout 0ca34358433b781faf1e006abdeb3653e4401d95
#   scripts/vendor-oparl-schema.sh /tmp/oparl-spec
#
# Copies the OParl 1.1 JSON schema (schema/*.json) and the spec's example objects
# (examples/*.json) verbatim, with the licence, and records the commit in COMMIT.
# The files are used as they are; tests/test_oparl_api.py reads the spec's own
# `"schema": "File.json"` markers as references (see README.md there).
set -eu

if [ $# -ne 1 ] || [ ! -d "$1/schema" ]; then
    echo "usage: $0 PATH-TO-OPARL-SPEC-CHECKOUT (a clone of https://github.com/OParl/spec)" >&2
    exit 2
fi
checkout=$1
target=$(dirname "$0")/../tests/data/oparl-schema

rm -rf "$target/schema" "$target/examples"
mkdir -p "$target/schema" "$target/examples"
cp "$checkout"/schema/*.json "$target/schema/"
cp "$checkout"/examples/*.json "$target/examples/"
cp "$checkout/LICENSE" "$target/LICENSE"
git -C "$checkout" rev-parse HEAD > "$target/COMMIT"
echo "vendored OParl schema $(cat "$target/COMMIT") into $target"
