#!/usr/bin/env bash
# `make bench`: seed (or reuse) the bench database, serve it with gunicorn and production settings on
# the loopback, drive it with locust (a measured run, then 50 users for 2 minutes), write bench/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
OUT=bench/out
PORT="${BENCH_PORT:-8765}"
USERS="${BENCH_USERS:-10}"
RUN_TIME="${BENCH_RUN_TIME:-90s}"
SUSTAINED_USERS="${BENCH_SUSTAINED_USERS:-50}"
# Users arrive one a second (each sign-in costs a full PBKDF2 hash), then 2 minutes at full load.
SUSTAINED_TIME="${BENCH_SUSTAINED_TIME:-170s}"
export DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/coproschool_bench}"
export REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379/7}"
# Production settings: DEBUG off, a key made for this run, whitenoise serving collected static files.
export DEBUG=false BENCH_FLOOR=true ALLOWED_HOSTS=127.0.0.1 LOG_LEVEL=ERROR
export SECRET_KEY="${SECRET_KEY:-$($BIN/python -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export BENCH_TARGETS="$OUT/targets.json"
mkdir -p "$OUT"

db_name="${DATABASE_URL##*/}"
db_server="${DATABASE_URL%/*}/postgres"
if [ "$(psql "$db_server" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db_name'")" != 1 ]; then
  psql "$db_server" -qc "CREATE DATABASE \"$db_name\""
fi
$BIN/python manage.py migrate --noinput -v0
$BIN/python manage.py seed_bench --targets "$BENCH_TARGETS"
$BIN/python manage.py collectstatic --noinput -v0
# The bench's Redis database holds only its cache (sign-in rate-limit windows of earlier runs).
DJANGO_SETTINGS_MODULE=coproschool.settings $BIN/python -c \
  'import django; django.setup(); from django.core.cache import cache; cache.clear()'

$BIN/gunicorn coproschool.wsgi:application --bind "127.0.0.1:$PORT" --workers 3 --worker-class gthread \
  --threads 2 --log-level warning --pid "$OUT/gunicorn.pid" &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null; wait "$GUNICORN" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -sf -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.5
done

locust() {
  .venv-bench/bin/locust -f bench/locustfile.py --headless --host "http://127.0.0.1:$PORT" --only-summary \
    --exit-code-on-error 0 "$@"
}
echo "Warm-up (not measured): every worker loads its templates and connections"
locust -u 6 -r 3 --run-time 20s >/dev/null 2>&1
echo "Measured run: $USERS users for $RUN_TIME"
locust -u "$USERS" -r 2 --run-time "$RUN_TIME" --csv "$OUT/measured"
echo "Sustained run: $SUSTAINED_USERS users for $SUSTAINED_TIME"
locust -u "$SUSTAINED_USERS" -r 1 --run-time "$SUSTAINED_TIME" --csv "$OUT/sustained"

$BIN/python -m bench.report --measured "$OUT/measured" --sustained "$OUT/sustained" --out bench/results.md \
  --command "make bench BENCH_USERS=$USERS BENCH_RUN_TIME=$RUN_TIME" --users "$USERS" --run-time "$RUN_TIME" \
  --sustained-users "$SUSTAINED_USERS" --sustained-time "$SUSTAINED_TIME"
echo "Results: bench/results.md"
