"""OneRoster 1.1 CSV bundles built in the test, spec-conformant unless a test breaks them."""

import csv
import io
import zipfile

from people.roster_sync.oneroster import COLUMNS

HEADERS = {name: list(required + optional) for name, (required, optional) in COLUMNS.items()}


def _csv(name: str, rows: list[dict], header: list[str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header or HEADERS[name], extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in (header or HEADERS[name])})
    return out.getvalue()


def bundle(files: dict[str, list[dict]], *, mode: str = "bulk", raw: dict[str, str] | None = None) -> bytes:
    manifest = [("manifest.version", "1.0"), ("oneroster.version", "1.1")]
    for name in HEADERS:
        manifest.append(
            (f"file.{name.removesuffix('.csv')}", mode if name in files or name in (raw or {}) else "absent")
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.csv", "propertyName,value\n" + "".join(f"{k},{v}\n" for k, v in manifest))
        for name, rows in files.items():
            archive.writestr(name, _csv(name, rows))
        for name, text in (raw or {}).items():
            archive.writestr(name, text)
    return out.getvalue()


def school_files(pupils: list[tuple[str, str, str, str]], staff: list[tuple[str, str, str]] = ()) -> dict:
    """pupils: (sourcedId, givenName, familyName, form); year group = the form's leading digits."""
    forms = sorted({form for *_rest, form in pupils})
    return {
        "orgs.csv": [{"sourcedId": "org1", "name": "Test School", "type": "school"}],
        "academicSessions.csv": [
            {"sourcedId": "y1", "title": "2026-27", "type": "schoolYear", "startDate": "2026-09-01",
             "endDate": "2027-07-31", "schoolYear": "2027"}
        ],
        "users.csv": [
            {"sourcedId": sid, "enabledUser": "true", "orgSourcedIds": "org1", "role": "student", "username": sid,
             "givenName": first, "familyName": last, "grades": form.rstrip("ABCDEFGH")}
            for sid, first, last, form in pupils
        ]
        + [
            {"sourcedId": sid, "enabledUser": "true", "orgSourcedIds": "org1", "role": "teacher", "username": sid,
             "givenName": first, "familyName": last, "email": f"{sid}@school.example"}
            for sid, first, last in staff
        ],
        "classes.csv": [
            {"sourcedId": f"c-{form}", "title": form, "courseSourcedId": "reg", "classType": "homeroom",
             "schoolSourcedId": "org1", "termSourcedIds": "y1"}
            for form in forms
        ],
        "enrollments.csv": [
            {"sourcedId": f"e-{sid}", "classSourcedId": f"c-{form}", "schoolSourcedId": "org1",
             "userSourcedId": sid, "role": "student", "primary": "true"}
            for sid, _first, _last, form in pupils
        ],
    }  # fmt: skip
