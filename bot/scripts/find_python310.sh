#!/usr/bin/env bash
# Print a command that runs Python 3.10 (Rasa 3.6 needs it), or explain how to get one and fail.
# `python3.10` may be a pyenv shim that only works when 3.10 is the selected version, so each way is
# tried by running it, not just by finding it.
set -u
works() { "$@" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; }

if works python3.10; then echo "python3.10"; exit 0; fi
if command -v pyenv >/dev/null 2>&1; then
    for version in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.|$)' | sort -rV); do
        if works env PYENV_VERSION="$version" python3.10; then echo "env PYENV_VERSION=$version python3.10"; exit 0; fi
    done
    for candidate in "$(pyenv root)"/versions/3.10*/bin/python3.10; do
        if works "$candidate"; then echo "$candidate"; exit 0; fi
    done
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
    && apt-cache policy python3.10 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3.10 python3.10-venv >/dev/null 2>&1 \
        && works python3.10 && { echo "python3.10"; exit 0; }
fi
echo "The assistant needs Python 3.10 (Rasa 3.6 does not run on newer versions)." >&2
echo "Install it, e.g. 'pyenv install 3.10', and run make again." >&2
exit 1
