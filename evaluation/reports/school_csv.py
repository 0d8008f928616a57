"""The school report's figures as CSV rows, one section after another (suppressed as on the page)."""

from evaluation.results import PREPOST_CSV_HEADERS, prepost_csv_cells


def school_report_csv_rows(report: dict) -> list[list]:
    """The report's figures as CSV rows (already suppressed), one section after another."""
    kinds = report["kinds"]
    rows: list[list] = [
        ["School report", report["school"], f"{report['start']} to {report['end']}"],
        [],
        [
            "Participation",
            "group",
            "pupils",
            *(f"{kind}: {figure}" for kind in kinds for figure in ("pupils", "share")),
            "any contribution",
            "not heard",
        ],
    ]
    participation = report["participation"]
    for section, groups in (
        ("whole school", participation["whole_school"]),
        ("year group", participation["by_year"]),
        ("form", participation["by_form"]),
    ):
        for group in groups:
            rows.append(
                [
                    section,
                    group.label,
                    group.pupils,
                    *(figure for cell in group.cells for figure in (cell.count, cell.percent)),
                    group.heard.count,
                    group.unheard.count,
                ]
            )
    decisions = report["decisions"]
    rows += [
        [],
        ["Decisions", "project", "method", "closed on", "ballots", "chosen", "leadership", "reason"],
    ]
    for decision in decisions["rows"]:
        rows.append(
            [
                decision["title"],
                decision["project"],
                decision["method"],
                decision["closed_on"].isoformat(),
                decision["ballots"],
                decision["chosen"],
                decision["adoption"],
                decision["reason"],
            ]
        )
    rows += [[], ["Stage", "projects now", "average days in it so far", "stays ended in period", "average days"]]
    for stage in report["stages"]:
        rows.append([stage["stage"], stage["projects"], stage["days_so_far"], stage["stays_ended"], stage["mean_days"]])
    rows += [
        [],
        ["Before/after", "question", *PREPOST_CSV_HEADERS],
    ]
    for pair in report["prepost"]:
        for question, figures in pair["rows"]:
            rows.append([f"{pair['project']}: {pair['before']}", question, *prepost_csv_cells(figures)])
    return rows
