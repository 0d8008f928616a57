import json
import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from bench.seed import bench_seeded, only_bench_data, seed
from bench.sizes import BENCH_PASSWORD, Sizes
from bench.targets import bench_targets


class Command(BaseCommand):
    help = (
        "Seed the benchmark dataset (bench/seed.py): 20 schools x 1,500 pupils and their projects, needs, "
        "ballots and survey answers. Does nothing if bench schools already exist, unless --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=20)
        parser.add_argument("--scale", type=float, default=1.0, help="Shrink every per-school count (tests: 0.01).")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Empty the database first (flush); refused if it holds any school that is not a bench school.",
        )
        parser.add_argument("--targets", type=Path, help="Write the users and pages locust uses to this JSON file.")

    def handle(self, *args, schools: int, scale: float, reset: bool, targets: Path | None, **options):
        if reset:
            if not only_bench_data():
                raise CommandError("This database holds schools that are not bench schools; --reset refuses to flush.")
            call_command("flush", interactive=False, verbosity=0)
        if bench_seeded():
            self.stdout.write("Bench schools are already seeded; reusing them (--reset seeds again).")
        else:
            started = time.monotonic()
            counts = seed(Sizes(schools=schools, scale=scale), log=self.stdout.write)
            summary = ", ".join(f"{number:,} {name}" for name, number in counts.items())
            self.stdout.write(f"Seeded in {time.monotonic() - started:.0f} s: {summary}.")
            self.stdout.write(f'Every bench account signs in with the password "{BENCH_PASSWORD}".')
        if targets:
            targets.write_text(json.dumps(bench_targets(), indent=1))
