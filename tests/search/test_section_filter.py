"""The search page's section filter shows subsections under their parent, as the navigation does."""

import pytest

from tests.conftest import parse_html
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections():
    gedi = SectionFactory(name="各地涉台活动", slug="gedi", position=3)
    made = {
        "yaowen": SectionFactory(name="要闻", slug="yaowen", position=1),
        "gedi": gedi,
        # Subsections' positions count within their parent; they sort among top-level ones by number.
        "nanchang": SectionFactory(name="南昌", slug="nanchang", position=1, parent=gedi),
        "ganzhou": SectionFactory(name="赣州", slug="ganzhou", position=2, parent=gedi),
        "wenhua": SectionFactory(name="文化交流", slug="wenhua", position=4),
    }
    made["xihu"] = SectionFactory(name="西湖区", slug="xihu", position=1, parent=made["nanchang"])
    return made


def section_select(response):
    [select] = parse_html(response).cssselect("select[name=section]")
    return select


def outline(select):
    """The drop-down as (group label or None, value, label) rows, in order."""
    rows = []
    for element in select:
        if element.tag == "optgroup":
            rows += [(element.get("label"), o.get("value"), o.text_content()) for o in element.cssselect("option")]
        else:
            rows.append((None, element.get("value"), element.text_content()))
    return rows


def test_subsections_are_grouped_under_their_parent_in_the_section_filter(client, sections):
    assert outline(section_select(client.get("/search/"))) == [
        (None, "", "全部栏目"),
        (None, "yaowen", "要闻"),
        ("各地涉台活动", "gedi", "各地涉台活动(含下级栏目)"),
        ("各地涉台活动", "nanchang", "南昌"),
        ("各地涉台活动", "xihu", "\u3000西湖区"),
        ("各地涉台活动", "ganzhou", "赣州"),
        (None, "wenhua", "文化交流"),
    ]


def test_chosen_subsection_stays_selected_and_filters_results(client, sections):
    ArticleFactory(title="南昌台企座谈", section=sections["nanchang"])
    ArticleFactory(title="赣州台企座谈", section=sections["ganzhou"])
    response = client.get("/search/", {"q": "台企", "section": "nanchang"})

    assert [o.get("value") for o in section_select(response).cssselect("option[selected]")] == ["nanchang"]
    assert [h.text_content() for h in parse_html(response).cssselect(".search-result .card-title")] == ["南昌台企座谈"]


def test_section_filter_is_traditional_in_the_traditional_edition(client, sections):
    rows = outline(section_select(client.get("/zh-hant/search/")))
    assert ("各地涉臺活動", "gedi", "各地涉臺活動(含下級欄目)") in rows
    assert (None, "yaowen", "要聞") in rows
