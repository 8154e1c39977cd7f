#!/usr/bin/env bash
# The gateway checks CI runs: LiteLLM from PyPI in a throwaway venv, the callback package's and the
# export checker's unit tests, then the end-to-end run against a real regiond (gateway_e2e.py).
# Usage: Tests/Gateway/run.sh PATH_TO_REGIOND [VENV_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=$1
venv=${2:-/tmp/regiond-gateway-venv}
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import litellm" 2>/dev/null || [ "$("$venv/bin/python" -c "import importlib.metadata as m; print(m.version('litellm'))")" != 1.110.2 ]; then
    python3 -m venv "$venv"
    start=$(date +%s)
    "$venv/bin/pip" install -q "litellm==1.110.2"
    echo "gateway: pip install litellm took $(( $(date +%s) - start )) s"
fi
export LITELLM_LOCAL_MODEL_COST_MAP=True
"$venv/bin/python" -c "import litellm, importlib.metadata as m; print('gateway: litellm', m.version('litellm'))"
"$venv/bin/python" -m unittest discover -s clients/litellm/tests
"$venv/bin/python" -m unittest discover -s Tests/Gateway
"$venv/bin/python" Tests/Gateway/gateway_e2e.py --binary "$binary"
