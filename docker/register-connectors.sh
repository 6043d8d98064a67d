#!/usr/bin/env bash
# Creates (or updates) the example connectors in docker/connectors/ on the compose worker.
set -euo pipefail
CONNECT=${CONNECT_URL:-http://localhost:8083}
cd "$(dirname "$0")/connectors"
for file in "${@:-postgres-source.json mysql-sink.json}"; do
  for f in $file; do
    name=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['name'])" "$f")
    python3 -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))['config']))" "$f" \
      | curl -sf -X PUT -H 'Content-Type: application/json' --data @- "$CONNECT/connectors/$name/config" >/dev/null
    echo "registered $name"
  done
done
