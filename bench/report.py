"""Turn locust's CSV stats into bench/results.md, with each page's SQL query count.

    python -m bench.report --measured bench/out/measured --sustained bench/out/sustained --out bench/results.md

Query counts come from Django's test client against the bench database (the same settings as the
served app): each page is opened twice by a bench user of its role and the second, warm visit is
counted. The school report is also timed once with an empty cache (its "uncached" target).
"""

import argparse
import csv
import json
import os
import platform
import time
from datetime import datetime
from pathlib import Path

import django

TARGET_RATIO, TARGET_P95_MS, TARGET_UNCACHED_S = 3.0, 250, 2.0


def read_stats(prefix: str) -> dict[str, dict]:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def count_queries(targets: dict) -> tuple[dict[str, int], float | None]:
    """Queries per page on a warm visit, and the school report's time with an empty cache (seconds)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproschool.settings")
    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from people.models import User

    setup_test_environment()  # lets the test client's host through ALLOWED_HOSTS
    counts, uncached = {}, None
    for role, names in targets["roles"].items():
        client = Client()
        client.force_login(User.objects.get(username=targets[role][0]))
        for name in [*names, "floor"]:  # the floor as locust opens it: signed in
            url = targets["pages"].get(name)
            if url is None or name in counts:
                continue
            url = url[0] if isinstance(url, list) else url
            if name == "school report":
                cache.clear()
                started = time.perf_counter()
                client.get(url, secure=True)
                uncached = time.perf_counter() - started
            client.get(url, secure=True)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, secure=True)
            counts[name] = len(queries) if response.status_code == 200 else -response.status_code
    return counts, uncached


def ms(value: str) -> float:
    return float(value or 0)


def table(stats: dict[str, dict], counts: dict[str, int], floor_p50: float, *, judge: bool = True) -> list[str]:
    """One row per page; `judge` adds whether it meets the latency targets (the measured run's)."""
    lines = [
        "| page | requests | failures | p50 ms | p95 ms | p50 / floor p50 | req/s | SQL queries |"
        + (" meets targets |" if judge else ""),
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" + (" --- |" if judge else ""),
    ]
    for name, row in stats.items():
        if name in ("Aggregated", "sign-in form", "sign-in"):
            continue
        p50, p95 = ms(row["50%"]), ms(row["95%"])
        ratio = p50 / floor_p50 if floor_p50 else float("nan")
        ok = name == "floor" or (ratio <= TARGET_RATIO and p95 <= TARGET_P95_MS and row["Failure Count"] == "0")
        queries = counts.get(name, "")
        verdict = f" {'yes' if ok else '**no**'} |" if judge else ""
        lines.append(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | {p50:.0f} | {p95:.0f} | {ratio:.1f}x "
            f"| {float(row['Requests/s']):.1f} | {queries} |{verdict}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--measured", required=True)
    parser.add_argument("--sustained", required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--command", default="make bench")
    parser.add_argument("--users", default="")
    parser.add_argument("--run-time", default="")
    parser.add_argument("--sustained-users", default="")
    parser.add_argument("--sustained-time", default="")
    parser.add_argument("--notes", default=os.environ.get("BENCH_NOTES", ""))
    parser.add_argument("--findings", type=Path, default=Path("bench/findings.md"), help="Appended as written.")
    args = parser.parse_args()

    targets = json.loads(Path(os.environ.get("BENCH_TARGETS", "bench/out/targets.json")).read_text())
    measured, sustained = read_stats(args.measured), read_stats(args.sustained)
    counts, uncached = count_queries(targets)
    floor_p50 = ms(measured["floor"]["50%"]) if "floor" in measured else 0
    total = sustained.get("Aggregated", {})
    load = os.getloadavg()
    lines = [
        "# Benchmark results (issue 9)",
        "",
        f"Produced by `{args.command}` on {datetime.now():%Y-%m-%d %H:%M} (machine clock).",
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPU cores "
        f"shared by gunicorn (3 workers x 2 threads), PostgreSQL, Redis and locust; load average at the end "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}.",
        *([f"Notes: {args.notes}"] if args.notes else []),
        "",
        f"## Main pages: {args.users} signed-in users for {args.run_time}",
        "",
        "Targets: p50 ≤ 3x the floor's p50, p95 ≤ 250 ms, no failures. Latencies are locust's (whole "
        "milliseconds, rounded to 10 ms above 100 ms); SQL queries are for a warm visit by a user of the page's "
        "role (Django test client against the same database).",
        "",
        *table(measured, counts, floor_p50),
        "",
        "## School report without its cache",
        "",
        (
            f"One request with an empty cache, over two years (300,000 answers): {uncached:.2f} s "
            f"(target ≤ {TARGET_UNCACHED_S:.0f} s: {'met' if uncached <= TARGET_UNCACHED_S else '**not met**'})."
            if uncached is not None
            else "The school report is not in this build."
        ),
        "",
        f"## Sustained load: {args.sustained_users} users for {args.sustained_time}",
        "",
        f"{total.get('Request Count', 0)} requests, **{total.get('Failure Count', '?')} failures** "
        f"(target 0), p50 {ms(total.get('50%', '0')):.0f} ms, p95 {ms(total.get('95%', '0')):.0f} ms, "
        f"{float(total.get('Requests/s') or 0):.1f} req/s.",
        "",
        "Each user waits 0.5-1.5 s between pages, so requests per second are what this many people ask "
        "for, not the most the machine can serve. The latency targets apply to the run above.",
        "",
        *table(sustained, counts, ms(sustained.get("floor", {}).get("50%", "0")), judge=False),
        "",
    ]
    if args.findings.exists():
        lines += ["", args.findings.read_text()]
    args.out.write_text("\n".join(lines))


if __name__ == "__main__":
    main()
