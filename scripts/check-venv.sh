#!/usr/bin/env bash
# Refuse to install this tree into a virtual environment that already holds another source tree of
# councilgraph as its editable install (`make lint VENV=../main/.venv` run in a second git worktree):
# the install would re-point that environment, and every command started outside its tree would then
# import this tree's code without a word.
#   scripts/check-venv.sh VENV_PYTHON
set -euo pipefail
python="$1"
[ -x "$python" ] || exit 0
# -I: neither the working directory nor the user's site on the path, only the environment's own packages
location=$(cd / && "$python" -I -c 'import importlib.util as u; s = u.find_spec("ingest"); print(s.origin if s and s.origin else "")' 2>/dev/null || true)
[ -n "$location" ] || exit 0
owner=$(dirname "$(dirname "$location")")
[ -f "$owner/pyproject.toml" ] || exit 0   # an ordinary install, not another source tree
here=$(pwd -P)
if [ "$(cd "$owner" && pwd -P)" != "$here" ]; then
  echo "error: the environment $(dirname "$(dirname "$python")") holds the source tree $owner as its editable install;" >&2
  echo "installing $here into it would switch every command run with it to this tree's code." >&2
  echo "Use an environment of this tree (the default: make VENV=.venv), or reinstall it from $owner." >&2
  exit 1
fi
