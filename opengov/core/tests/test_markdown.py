from opengov.core.markdown import render_markdown


def test_it_renders_markdown():
    assert render_markdown("**open** data") == "<p><strong>open</strong> data</p>"


def test_it_strips_script_and_event_handlers():
    html = render_markdown('<script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))')
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def test_links_are_marked_as_user_content():
    html = render_markdown("[OGP](https://www.opengovpartnership.org/)")
    assert 'href="https://www.opengovpartnership.org/"' in html
    assert "ugc" in html


def test_empty_text_renders_nothing():
    assert render_markdown(None) == ""
    assert render_markdown("") == ""
