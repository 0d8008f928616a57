"""The performance benchmark (issue 9): a trust-sized dataset, the floor view, locust and the report.

`make bench` drives it; `python manage.py seed_bench` seeds; `bench/results.md` holds the numbers.
"""
