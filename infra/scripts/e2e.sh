#!/usr/bin/env bash
# Starts the platform the way `make run` does (fresh data dir, free port) and runs the
# portal's browser tests against it. Screenshots land in web/test-results/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/../.."
python=.venv/bin/python
port=$($python infra/scripts/free-port.py)
export ZT_DATA_DIR=$(mktemp -d /tmp/zt-e2e.XXXXXX)
export ZT_ADMIN_PASSWORD="e2e-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
log="$ZT_DATA_DIR/server.log"

$python manage.py migrate --noinput >/dev/null
$python manage.py bootstrap >/dev/null
setsid $python manage.py serve --port "$port" >"$log" 2>&1 &
server=$!
cleanup() {
  kill -TERM -- "-$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$ZT_DATA_DIR"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then cat "$log"; exit 1; fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$log"; exit 1; }

export ZT_E2E_BASE_URL="http://127.0.0.1:$port" ZT_E2E_EMAIL=admin@example.com ZT_E2E_PASSWORD="$ZT_ADMIN_PASSWORD"
(cd web && npm run e2e --silent) || { echo "--- server log ---"; tail -n 50 "$log"; exit 1; }
