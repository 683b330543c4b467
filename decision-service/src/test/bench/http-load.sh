#!/usr/bin/env bash
# Load test of POST /api/v1/decisions on a service already running on this machine (./run).
# Bounded: DURATION seconds, CONNECTIONS connections, loopback only. Installs wrk from Debian if missing.
#   decision-service/src/test/bench/http-load.sh [URL] ; e.g. CONNECTIONS=1 DURATION=20 ... for latency
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
url=${1:-http://127.0.0.1:${PORT:-8080}}
case "$url" in http://127.*|http://localhost*) ;; *) echo "refusing a non-loopback target: $url" >&2; exit 2 ;; esac
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
exec wrk -t "${THREADS:-2}" -c "${CONNECTIONS:-8}" -d "${DURATION:-30}s" --latency \
  -s "$here/decisions.lua" "$url" -- "$here/../../../../docs/tour/funong-api-example.json"
