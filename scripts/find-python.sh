#!/bin/sh
# Prints the path of a Python 3.12 or newer, or explains on stderr what was found and exits 1.
# Looks at $PYTHON, then python3 (pyenv resolves it through .python-version), then versioned
# names, then pyenv's own versions.
pyenv_versions=""
if command -v pyenv >/dev/null 2>&1; then
  pyenv_versions=$(ls -d "$(pyenv root)"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV)
fi
for candidate in "${PYTHON:-}" python3 python3.14 python3.13 python3.12 $pyenv_versions; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if "$path" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
    echo "$path"
    exit 0
  fi
done
found=$(python3 --version 2>&1 || echo "no python3")
echo "Python 3.12 or newer is needed; found: $found. Install it (e.g. pyenv install 3.12) or set PYTHON=/path/to/python3.12." >&2
exit 1
