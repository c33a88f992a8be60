import re
from pathlib import Path

import pandas as pd
import pytest

from palace_coup import history

BIB_FILE = Path(__file__).resolve().parents[1] / "book" / "references.bib"
BIB_KEYS = set(re.findall(r"^@\w+\{([^,]+),", BIB_FILE.read_text(), flags=re.M))


def test_cases_table():
    table = history.cases()
    assert len(table) == 6
    assert table["start"].dt.year.tolist() == [1953, 1957, 1964, 1991, 1993, 2023]
    assert pd.api.types.is_datetime64_any_dtype(table["start"])
    assert pd.api.types.is_datetime64_any_dtype(table["end"])
    assert (table["end"] >= table["start"]).all()
    assert table["success"].dtype == bool
    assert table["counted_as_coup_attempt"].dtype == bool
    assert table["insider_challenge"].dtype == bool
    for column in ("event", "type", "outcome", "actors", "coding_note"):
        assert table[column].str.len().gt(0).all()


def test_case_codings():
    table = history.cases().set_index(history.cases()["start"].dt.year)
    assert table["success"].to_dict() == {
        1953: True,
        1957: False,
        1964: True,
        1991: False,
        1993: True,
        2023: False,
    }
    assert table.loc[1964, "start"] == pd.Timestamp("1964-10-12")
    assert table.loc[1991, "end"] == pd.Timestamp("1991-08-21")
    assert table.loc[2023, "type"] == "mutiny"
    # Powell and Thyne require an illegal attempt: 1957 and 1964 went through
    # party bodies that could formally remove the First Secretary.
    assert table["counted_as_coup_attempt"].to_dict() == {
        1953: False,
        1957: False,
        1964: False,
        1991: True,
        1993: False,
        2023: False,
    }
    assert table.index[table["insider_challenge"]].tolist() == [1957, 1964, 1991]
    assert "military coup" not in " ".join(table["type"] + table["coding_note"])


def test_sources_are_bib_keys():
    sources = history.cases()["source"]
    assert sources.notna().all(), "every case needs a source"
    assert set(sources) <= BIB_KEYS
    assert set(history.base_rates()["source"]) <= BIB_KEYS
    assert set(history.exits()["source"]) <= BIB_KEYS


def test_cases_returns_copy():
    table = history.cases()
    table.loc[0, "success"] = False
    assert history.cases().loc[0, "success"]


def test_base_rates_only_published_figures():
    rates = history.base_rates().set_index("id")
    assert set(rates["source"]) == {"powell2011", "svolik2012"}
    assert rates.loc["coup_success_share", "value"] == 0.5
    assert rates.loc["coup_success_share", "qualifier"] == "about"
    assert "seven days" in rates.loc["coup_success_share", "definition"]
    assert rates.loc["dictators_removed_irregularly", "value"] == 303
    svolik = {
        "removed_by_insiders": 205,
        "popular_uprisings": 32,
        "democratisation_pressure": 30,
        "assassinated": 20,
        "foreign_intervention": 16,
    }
    for key, count in svolik.items():
        assert rates.loc[key, "value"] == count
        assert rates.loc[key, "qualifier"] == "exactly"
    assert sum(svolik.values()) == rates.loc["dictators_removed_irregularly", "value"]
    assert (rates.loc[rates["source"] == "svolik2012", "period"] == "1946-2008").all()


def test_success_rate():
    assert history.success_rate() == 0.5
    table = history.cases()
    insiders = table[table["insider_challenge"]]
    assert history.success_rate(insiders) == pytest.approx(1 / 3)
    counted = table[table["counted_as_coup_attempt"]]
    assert history.success_rate(counted) == 0.0
    assert history.success_rate(pd.DataFrame({"success": [True, True]})) == 1.0
    object_column = pd.DataFrame({"success": pd.Series([True, False], dtype=object)})
    assert history.success_rate(object_column) == 0.5


@pytest.mark.parametrize(
    ("df", "error", "match"),
    [
        ([True, False], TypeError, "df must be a pandas DataFrame"),
        (
            pd.DataFrame({"outcome": ["x"]}),
            ValueError,
            "df must have a 'success' column",
        ),
        (pd.DataFrame({"success": []}), ValueError, "df must have at least one row"),
        (
            pd.DataFrame({"success": ["yes"]}),
            TypeError,
            r"df\['success'\] must hold True/False",
        ),
        (
            pd.DataFrame({"success": [1, 0]}),
            TypeError,
            r"df\['success'\] must hold True/False",
        ),
    ],
)
def test_success_rate_validation(df, error, match):
    with pytest.raises(error, match=match):
        history.success_rate(df)


def test_exits_since_1924():
    table = history.exits()
    assert table["leader"].tolist() == [
        "Vladimir Lenin",
        "Joseph Stalin",
        "Nikita Khrushchev",
        "Leonid Brezhnev",
        "Yuri Andropov",
        "Konstantin Chernenko",
        "Mikhail Gorbachev",
        "Boris Yeltsin",
    ]
    assert pd.api.types.is_datetime64_any_dtype(table["left_office"])
    assert table["left_office"].is_monotonic_increasing
    assert table.loc[0, "left_office"] == pd.Timestamp("1924-01-21")
    assert table.loc[7, "left_office"] == pd.Timestamp("1999-12-31")
    assert table["how"].value_counts().to_dict() == {
        "died in office": 5,
        "removed by insiders": 1,
        "left as the state dissolved": 1,
        "resigned in a managed handover": 1,
    }
    assert table.set_index("leader").loc["Nikita Khrushchev", "how"] == (
        "removed by insiders"
    )
    for column in ("post", "detail", "source"):
        assert table[column].str.len().gt(0).all()


def test_exits_returns_copy():
    table = history.exits()
    table.loc[0, "how"] = "shot"
    assert history.exits().loc[0, "how"] == "died in office"


def test_timeline_reads_the_dated_sourced_events():
    from palace_coup import _data, loyalty

    events = history.timeline()
    assert list(events.columns) == ["date", "event", "faction", "source"]
    assert events["date"].dtype.kind == "M"
    assert events["date"].is_monotonic_increasing
    raw = _data.csv("timeline.csv")
    assert events["date"].dt.strftime("%Y-%m-%d").tolist() == raw["date"].tolist()
    assert set(events["faction"]) <= {*loyalty.factions()["faction"], "other"}
    assert events["source"].str.len().gt(0).all()
    events.loc[0, "event"] = "changed"
    assert history.timeline().loc[0, "event"] != "changed"
