"""Web pages by path prefix: every service's pages, the longest prefix wins."""

from __future__ import annotations

import pytest

from zhixing.runtime.web import InvalidPrefix, PrefixDispatch, WebPages

from ..conftest import pages


class TestPrefixDispatch:
    def test_the_root_pages_answer_when_no_longer_prefix_matches(self, dispatch, call):
        assert call(dispatch, "/zhongben").text == "publicity '' '/zhongben'"

    def test_the_longest_prefix_answers_when_two_match(self, dispatch, call):
        assert call(dispatch, "/command/alerts").text == "command '/command' '/alerts'"

    def test_the_prefix_without_its_slash_reaches_its_pages_when_asked_bare(self, dispatch, call):
        assert call(dispatch, "/command").text == "command '/command' ''"

    def test_a_path_sharing_only_letters_goes_to_the_root_when_not_under_the_prefix(
            self, dispatch, call):
        assert call(dispatch, "/commander").text.startswith("publicity")

    def test_not_found_when_no_prefix_matches(self, call):
        only_command = PrefixDispatch([WebPages("/command/", pages("command"))])
        assert call(only_command, "/zhongben").status == 404

    def test_a_prefix_is_refused_when_it_does_not_end_with_a_slash(self):
        with pytest.raises(InvalidPrefix, match=r"'/command'.*must start and end with '/'"):
            WebPages("/command", pages("command"))

    def test_a_prefix_is_refused_when_mounted_twice(self):
        with pytest.raises(InvalidPrefix, match="mounted twice"):
            PrefixDispatch([WebPages("/", pages("a")), WebPages("/", pages("b"))])
