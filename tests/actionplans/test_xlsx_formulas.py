"""The XLSX export carries text that looks like a formula as text, never as a live formula."""

import io

from django.urls import reverse

from actionplans.models import Activity

FORMULAS = ['=HYPERLINK("http://evil.example","Klicka")', "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1"]


def test_text_that_looks_like_a_formula_is_text_in_the_xlsx(plans, client):
    from openpyxl import load_workbook

    plans.delegated.text = "=1+1"
    plans.delegated.save()
    Activity.objects.create(
        plan=plans.theme_plan,
        goal=plans.delegated,
        what=FORMULAS[0],
        how=FORMULAS[1],
        follow_up=FORMULAS[2],
        responsible=FORMULAS[3],
        timeframe=FORMULAS[4] + "\x01",
        order=1,
    )
    response = client.get(reverse("actionplans:plan_xlsx", args=[plans.s.theme.slug, "2024"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = sheet[4]
    cells = [row[1], *row[2:7]]
    assert [cell.value for cell in cells] == ["=1+1", *FORMULAS[:5]]
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells), "text, never a formula"
    assert b"<f>" not in _sheet_xml(response.content)


def _sheet_xml(xlsx):
    import zipfile

    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        return archive.read("xl/worksheets/sheet1.xml")
