"""Claim cards, quotes and marked text (report/cards.py): the Jinja macros' markup, every value escaped."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment
from report_samples import ATTR, SCRIPT, TEMPLATE, ref

from checker.models import Claim, Modality, Period
from checker.report.cards import claim_card, marked_text, quote
from checker.report.doctext import Piece, tip
from checker.report.htmlviews import ClaimView, Excerpt

# The macros the cards replaced, as they were (report/templates/macros.html.j2 before 2026-12-04), with
# the environment's options: what the functions make must be what these made.
MACROS = """\
{% macro quote(c) -%}
{% if c.ref.language %}<span class="lang" title="quoted from a {{ 'Chinese' if c.ref.language == 'zh' else 'English' }} report">{{ c.ref.language }}</span> {% endif %}<q{% if c.ref.language %} lang="{{ c.ref.language }}"{% endif %} class="excerpt{% if not c.excerpt.found %} bare{% endif %}">{{ c.excerpt.before }}<mark>{{ c.excerpt.mark }}</mark>{{ c.excerpt.after }}</q>
{%- endmacro %}
{% macro claim_card(c) -%}
<figure class="claim{% if c.odd %} odd{% endif %}" title="{{ c.tip }}">
  <figcaption><code class="where">{{ c.ref.path }}:{{ c.ref.line }}:{{ c.ref.column }}</code>{% if c.ref.place() %} <span class="place">{{ c.ref.place() }}</span>{% endif %}{% if c.role %} <span class="role">{{ c.role }}</span>{% endif %}{% if c.odd %} <span class="badge error odd-badge">odd one out</span>{% endif %}{% if c.text_href %} <a class="open-text" href="{{ c.text_href }}"{% if c.text_target %} data-target="{{ c.text_target }}"{% endif %}>in the text</a>{% endif %}</figcaption>
  {{ quote(c) }}
  <p class="figure">{{ c.figure }}{% if c.ref.subject %} · {{ c.ref.subject }}{% endif %} · {{ c.ref.period.label() }} · {{ c.ref.modality.value }}</p>
</figure>
{%- endmacro %}
"""
TEXT_LOOP = (
    '{% for piece in pieces %}{% if piece.claim %}{% if piece.findings %}<a class="claim flagged" '
    'id="c-{{ piece.claim.offset }}" href="#{{ piece.findings[0] }}" title="{{ piece.tip }}" '
    'data-tip="{{ piece.tip }}">{{ piece.text }}</a>{% else %}<mark class="claim" id="c-{{ piece.claim.offset }}" '
    'tabindex="0" title="{{ piece.tip }}" data-tip="{{ piece.tip }}">{{ piece.text }}</mark>{% endif %}'
    "{% else %}{{ piece.text }}{% endif %}{% endfor %}"
)
_ENV = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
_MACROS = _ENV.from_string(MACROS).module
_TEXT = _ENV.from_string(TEXT_LOOP)

PAYLOAD = f"{SCRIPT}{ATTR}{TEMPLATE}&"
words = st.sampled_from(["", "长三角", "a&b", "x<y", '"quoted"', "it's", SCRIPT, ATTR, TEMPLATE, "660公 里"])


@st.composite
def views(draw: st.DrawFn) -> ClaimView:
    claim_ref = ref(
        draw(st.sampled_from(["docs/a.txt", f"docs/{SCRIPT}.txt"])),
        draw(st.integers(1, 900)),
        draw(words) or "1",
        draw(st.sampled_from([660.0, 0.5, 7e4])),
        draw(words),
        subject=draw(words),
        role=draw(st.sampled_from([None, "total", "part"])),
        language=draw(st.sampled_from([None, "zh", "en"])),
        page=draw(st.sampled_from([None, 2])),
        paragraph=draw(st.sampled_from([None, 5])),
        modality=draw(st.sampled_from(list(Modality))),
        period=draw(st.sampled_from([Period(), Period(start="2023-01-01", end="2023-12-31")])),
    )
    return ClaimView(
        ref=claim_ref,
        excerpt=Excerpt(draw(words), draw(words), draw(words), draw(st.booleans())),
        figure=draw(words),
        role=draw(words),
        tip=draw(words),
        odd=draw(st.booleans()),
        text_href=draw(st.sampled_from(["", "#c-12", f"p.html#{ATTR}"])),
        text_target=draw(st.sampled_from(["", "text-doc-1", ATTR])),
    )


@settings(max_examples=300, deadline=None)
@given(views())
def test_a_card_and_a_quote_are_what_the_macros_made(view: ClaimView) -> None:
    assert str(claim_card(view)) == str(_MACROS.claim_card(view))
    assert str(quote(view)) == str(_MACROS.quote(view))


def _claim(offset: int, end: int, subject: str) -> Claim:
    return Claim(
        path="a.txt", line=1, column=offset + 1, end_line=1, end_column=end + 1, offset=offset, end=end,
        text="x", value=1, unit="count", subject=subject,
    )  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(words, st.booleans(), st.sampled_from([(), ("f-1",), (ATTR, "f-2")])), max_size=6))
def test_the_marked_text_is_what_the_template_loop_made(
    parts: list[tuple[str, bool, tuple[str, ...]]],
) -> None:
    pieces = []
    for i, (text, is_claim, findings) in enumerate(parts):
        claim = _claim(i * 10, i * 10 + 3, text) if is_claim else None
        pieces.append(Piece(text, claim, tip(claim) if claim else "", findings if claim else ()))
    assert str(marked_text(pieces, own_page=True)) == _TEXT.render(pieces=pieces)


class _Seen(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]

    def handle_data(self, data: str) -> None:
        self.data.append(data)


@pytest.mark.parametrize(
    ("own_page", "findings", "markup"),
    [
        (True, (), '<mark class="claim" id="c-0" tabindex="0"'),
        (True, ("f-9",), '<a class="claim flagged" id="c-0" href="#f-9"'),
        (False, (), '<mark class="claim" tabindex="0"'),
        (False, ("f-9",), '<a class="claim flagged open-finding" href="#f-9" data-target="f-9"'),
    ],
)
def test_a_claim_in_the_text_links_its_finding_or_is_marked(
    own_page: bool, findings: tuple[str, ...], markup: str
) -> None:
    claim = _claim(0, 4, "铁路")
    html = str(marked_text([Piece("660公里", claim, "tip", findings), Piece("，通车。")], own_page=own_page))
    assert html.startswith(markup) and html.endswith(
        ">660公里" + ("</a>" if findings else "</mark>") + "，通车。"
    )


def test_corpus_text_never_becomes_markup() -> None:
    """Payloads in every value a card shows come out as text, never as tags or attributes of their own."""
    evil = ref(
        f"docs/{PAYLOAD}.txt", 3, PAYLOAD, 660, PAYLOAD, subject=PAYLOAD, role=PAYLOAD, language=PAYLOAD
    )
    view = ClaimView(
        evil, Excerpt(PAYLOAD, PAYLOAD, PAYLOAD), PAYLOAD, PAYLOAD, PAYLOAD, True, PAYLOAD, PAYLOAD
    )
    claim = _claim(0, 4, PAYLOAD)
    for html in (
        claim_card(view),
        marked_text([Piece(PAYLOAD, claim, PAYLOAD, (PAYLOAD,)), Piece(PAYLOAD)], own_page=True),
        marked_text([Piece(PAYLOAD, claim, PAYLOAD, (PAYLOAD,))], own_page=False),
    ):
        seen = _Seen()
        seen.feed(str(html))
        assert "script" not in seen.tags and "img" not in seen.tags
        assert PAYLOAD in "".join(seen.data)  # shown as the text it is
        assert not {"onerror", "src"} & set(seen.attrs)
