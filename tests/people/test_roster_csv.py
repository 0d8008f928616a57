"""Reading a pupil list: every bad row is reported with its row number and the reason."""

import pytest

from people.roster_csv import parse_roster


def _errors(text: str | bytes) -> list[tuple[int | None, str]]:
    data = text.encode() if isinstance(text, str) else text
    return [(error.row, error.message) for error in parse_roster(data).errors]


def test_a_clean_file_gives_rows_numbered_like_the_spreadsheet():
    parsed = parse_roster(b"First name,Last name,Year group,Form\nAmara,Adeyemi,7,7A\n\nBen,Brown,8,8B\n")
    assert parsed.errors == []
    assert [(row.row, row.first_name, row.year_group) for row in parsed.rows] == [(2, "Amara", 7), (4, "Ben", 8)]


@pytest.mark.parametrize(
    "header",
    ["first name,last name,year group,form", "First_Name, LAST-NAME ,Year  Group,Form", "Forename,Surname,Year,Class"],
)
def test_header_case_spacing_and_common_names_are_accepted(header):
    parsed = parse_roster(f"{header}\nAmara,Adeyemi,Year 7,7A\n".encode())
    assert parsed.errors == []
    assert parsed.rows[0].year_group == 7


def test_utf8_byte_order_mark_from_excel_is_accepted():
    parsed = parse_roster("First name,Last name,Year group,Form\nZoë,Ødegård,9,9C\n".encode("utf-8-sig"))
    assert parsed.errors == []
    assert parsed.rows[0].first_name == "Zoë"


def test_missing_column_is_reported_on_the_header_row():
    [(row, message)] = _errors("First name,Last name,Form\nAmara,Adeyemi,7A\n")
    assert row == 1
    assert "missing column: Year group" in message


def test_unknown_year_group_is_reported_with_its_row():
    errors = _errors("First name,Last name,Year group,Form\nAmara,Adeyemi,7,7A\nBen,Brown,Reception,R\nCai,Chen,14,X\n")
    assert [row for row, _ in errors] == [3, 4]
    assert 'unknown year group "Reception"' in errors[0][1]
    assert 'unknown year group "14"' in errors[1][1]


def test_duplicate_username_in_the_file_names_both_rows():
    errors = _errors(
        "First name,Last name,Year group,Form,Username\n"
        "Amara,Adeyemi,7,7A,amara\nBen,Brown,8,8B,bbrown\nAmy,Ade,7,7A,AMARA\n"
    )
    assert errors == [(4, 'username "amara" is also on row 2.')]


def test_the_same_pupil_twice_without_usernames_is_reported():
    errors = _errors("First name,Last name,Year group,Form\nAmara,Adeyemi,7,7A\namara,ADEYEMI,7,7a\n")
    assert errors[0][0] == 3
    assert "repeats row 2" in errors[0][1]


def test_bad_encoding_is_reported_with_the_row_of_the_first_bad_byte():
    data = "First name,Last name,Year group,Form\nAmara,Adeyemi,7,7A\nZoë,Smith,7,7A\n".encode("cp1252")
    [(row, message)] = _errors(data)
    assert row == 3
    assert "not UTF-8" in message


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"\xef\xbb\xbf"])
def test_empty_file_is_reported(content):
    [(row, message)] = _errors(content)
    assert row is None
    assert "empty" in message


def test_header_without_pupils_is_reported():
    [(_, message)] = _errors("First name,Last name,Year group,Form\n")
    assert "no pupils" in message


@pytest.mark.parametrize(("delimiter", "name"), [(";", "semicolons"), ("\t", "tabs")])
def test_wrong_delimiter_is_named_explicitly(delimiter, name):
    text = delimiter.join(["First name", "Last name", "Year group", "Form"]) + "\n" + delimiter.join("AB7F") + "\n"
    [(row, message)] = _errors(text)
    assert row == 1
    assert f"separated by {name}, not commas" in message


def test_empty_names_and_extra_values_are_reported_per_row():
    errors = _errors("First name,Last name,Year group,Form\n,Adeyemi,7,7A\nBen,Brown,8,8B,surplus\n")
    assert errors == [
        (2, "first name is empty."),
        (3, "this row has more values than the header. Put names containing commas in quotes."),
    ]


def test_a_username_with_spaces_is_rejected():
    errors = _errors("First name,Last name,Year group,Form,Username\nAmara,Adeyemi,7,7A,amara a\n")
    assert errors[0][0] == 2
    assert "must be 3 to 30 letters" in errors[0][1]


def test_quoted_names_with_commas_are_read():
    parsed = parse_roster(b'First name,Last name,Year group,Form\n"Mary, Jane",O\'Neil,7,7A\n')
    assert parsed.errors == []
    assert parsed.rows[0].first_name == "Mary, Jane"


def test_empty_trailing_cells_are_not_extra_values():
    parsed = parse_roster(b"First name,Last name,Year group,Form\nAmara,Adeyemi,7,7A,,\n")
    assert parsed.errors == []
