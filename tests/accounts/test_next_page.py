import pytest

from web.accounts.next_page import safe_next_path


@pytest.mark.parametrize(
    "target", ["/", "/account", "/services/8d3e?q=carers+group&page=2", "/search#results"]
)
def test_a_path_on_this_site_is_kept(target):
    assert safe_next_path(target) == target


@pytest.mark.parametrize(
    "target",
    [
        None,
        "",
        "https://evil.example/",
        "http:/evil.example",
        "//evil.example",
        "///evil.example",
        "/\\evil.example",
        "/path\\..\\evil",
        "\\\\evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "javascript:alert(1)",
        "evil.example/path",
        "account",
    ],
)
def test_anything_that_could_lead_to_another_site_is_refused(target):
    assert safe_next_path(target) is None
