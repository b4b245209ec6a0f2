"""Any words a recruiter types reach the full-text engines safely, on both backends."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from search import query as search_query
from search import service

pytestmark = pytest.mark.django_db

ODD_WORDS = [
    '"',
    "'",
    "*",
    "-",
    "a-b",
    "NEAR(",
    "cuisine OR",
    "AND",
    "(",
    ")",
    "^",
    ":",
    "title:x",
    "\\",
    "x~2",
    "{ } [ ]",
    "l'épicerie",
    "😀",
    "%_",
    "\x00",
]


@pytest.mark.parametrize("words", ODD_WORDS)
def test_odd_words_never_break_a_search(backend_name, make_youth, words):
    youth = make_youth("Inès", headline="Épicerie solidaire et cuisine")
    data = QueryDict(mutable=True)
    data["q"] = words
    page = service.search_profiles(search_query.parse(data), viewer=None).page
    assert page.total in (0, 1)
    if words == "l'épicerie":
        assert [hit.user_id for hit in page.hits] == [youth.pk]
