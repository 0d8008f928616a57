from xml.etree import ElementTree

from evaluation.charts import BAR_AREA, ChartRow, ShareRow, prepost_chart, share_chart
from evaluation.stats import compare_unpaired

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def test_chart_draws_before_and_after_bars_to_scale():
    change = compare_unpaired([2] * 5 + [3] * 5 + [4] * 5, [3] * 5 + [4] * 5 + [5] * 5)  # means 3.0 and 4.0
    svg = parse(prepost_chart(chart_id="c1", title="Confidence", rows=[ChartRow("I speak up", change, 1, 5)]))
    bars = {
        rect.get("data-series"): float(rect.get("width")) for rect in svg.iter(f"{SVG}rect") if rect.get("data-series")
    }
    assert bars == {"Before": round(0.5 * BAR_AREA, 1), "After": round(0.75 * BAR_AREA, 1)}
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == "Confidence"
    assert "I speak up: before 3.00, after 4.00 (scale 1 to 5)" in svg.find(f"{SVG}desc").text


def test_chart_suppresses_a_question_with_fewer_than_five_answers():
    small = compare_unpaired([1, 2, 3, 4], [5, 5, 5, 5, 5])
    svg_text = prepost_chart(chart_id="c2", title="T", rows=[ChartRow("Small group", small, 1, 5)])
    svg = parse(svg_text)
    assert not [rect for rect in svg.iter(f"{SVG}rect") if rect.get("data-series")]
    assert "fewer than 5 answered: not shown" in svg_text
    assert "1.00" not in svg_text and "2.50" not in svg_text


def test_chart_escapes_question_wording():
    change = compare_unpaired([1] * 5, [2] * 5)
    svg_text = prepost_chart(chart_id="c3", title="<b>", rows=[ChartRow("<script>alert(1)</script>", change, 1, 5)])
    assert "<script>" not in svg_text
    parse(svg_text)  # still well-formed XML


def test_no_chart_text_is_drawn_under_12_units():
    """Drawn 640 wide, a chart on a page at least that wide shows every label at 12 px or more (phones: the table)."""
    change = compare_unpaired([2, 3, 3, 4, 3], [4, 4, 3, 5, 4])
    svg = parse(prepost_chart(chart_id="c4", title="T", rows=[ChartRow("I speak up", change, 1, 5)]))
    share = parse(share_chart(chart_id="c5", title="T", rows=[ShareRow("Voted", 6, 10), ShareRow("Small", 2, 3)]))
    sizes = [float(text.get("font-size")) for chart in (svg, share) for text in chart.iter(f"{SVG}text")]
    assert sizes and min(sizes) >= 12
