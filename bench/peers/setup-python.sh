#!/usr/bin/env bash
# Creates bench/peers/.venv with the pinned Python peers (FAISS, numpy,
# threadpoolctl) of the benchmark harness. Run from anywhere:
#   npm run bench:peers:python     (or: bash bench/peers/setup-python.sh)
# $PYTHON picks the interpreter (default python3; needs >= 3.10).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"${PYTHON:-python3}" -m venv "$here/.venv"
"$here/.venv/bin/python" -m pip install --disable-pip-version-check -r "$here/requirements.txt"
"$here/.venv/bin/python" -c 'import faiss, numpy, threadpoolctl; print(f"faiss {faiss.__version__}, numpy {numpy.__version__}, threadpoolctl {threadpoolctl.__version__}")'
