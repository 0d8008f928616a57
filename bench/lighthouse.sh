#!/usr/bin/env bash
# `make lighthouse`: the demo school in a throwaway SQLite database, served by gunicorn with the
# production settings on the loopback, audited by Lighthouse (npm, Debian's Chromium, mobile) as a
# signed-in pupil: the pupil home, the needs list, a project page and a vote page. Writes docs/lighthouse.md.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
PORT="${LIGHTHOUSE_PORT:-8766}"
BASE="http://127.0.0.1:$PORT"
OUT=bench/out/lighthouse
WORK="$(mktemp -d)"
mkdir -p "$OUT"

# Production settings: DEBUG off, a key made for this run, whitenoise serving the collected, compressed
# static files. Plain HTTP on the loopback, so no redirect to HTTPS; no Redis, so Celery runs in-process.
export DEBUG=false ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false LOG_LEVEL=ERROR
export SECRET_KEY="$($BIN/python -c 'import secrets; print(secrets.token_urlsafe(50))')"
export DATABASE_URL="sqlite:///$WORK/lighthouse.sqlite3" MEDIA_ROOT="$WORK/media" REDIS_URL=""
export DJANGO_SETTINGS_MODULE=coproschool.settings
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"

echo "Seeding the demo school in $WORK"
$BIN/python manage.py migrate --noinput -v0
$BIN/python manage.py seed_demo --force >/dev/null
$BIN/python manage.py collectstatic --noinput -v0

$BIN/gunicorn coproschool.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --worker-class gthread \
  --threads 2 --log-level warning &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null; wait "$GUNICORN" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 60); do
  curl -sf "$BASE/healthz" >/dev/null && break
  sleep 0.5
done

$BIN/python -m bench.lighthouse prepare --base "$BASE" --password coproduce --out "$OUT" | while IFS=$'\t' read -r number url; do
  echo "Lighthouse: $url"
  node_modules/.bin/lighthouse "$url" --quiet --form-factor=mobile \
    --only-categories=performance,accessibility,best-practices \
    --extra-headers="$OUT/headers.json" --output=json --output-path="$OUT/$number.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync" </dev/null
done
rm -f "$OUT/headers.json"  # a live session's cookie: not kept after the run
$BIN/python -m bench.lighthouse summary --reports "$OUT" --out docs/lighthouse.md
