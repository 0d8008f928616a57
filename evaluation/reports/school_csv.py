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
    rows += [[], *_need_answer_rows(report["need_answers"]), [], *_reach_rows(report["reach"])]
    return rows


def _need_answer_rows(figures: dict) -> list[list]:
    """Answering pupils: the share of needs answered in time, the median days, pupil-backed adoption."""
    in_time, backed = figures["in_time"], figures["pupil_backed"]
    return [
        ["Answering pupils", "figure", "percent", "of", "counted"],
        ["needs answered in time", "", _percent(in_time["percent"]), in_time["in_time"], in_time["counted"]],
        ["median school days to an answer", figures["median_days"] or "", "", "", ""],
        ["pupil-backed decisions adopted", "", _percent(backed["percent"]), backed["adopted"], backed["answered"]],
    ]


def _reach_rows(reach: dict) -> list[list]:
    """Reaching the unheard, term by term: the share not yet heard by group (suppressed below 5),
    then the invitations sent and the share of invited pupils who then took part."""
    rows: list[list] = [["Reaching the unheard", "group", *reach["terms"]]]
    for caption, _label, table in reach["tables"]:
        rows += [[caption, row["label"], *(str(cell) for cell in row["cells"])] for row in table]
    rows.append(["Invited", "pupils", *(term["invited"] or "" for term in reach["uptake"])])
    rows.append(["Then took part", "pupils", *(str(term["took_part"] or "") for term in reach["uptake"])])
    return rows


def _percent(value: int | None) -> str:
    return "" if value is None else f"{value}%"
