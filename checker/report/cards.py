"""The markup of a claim card, a quote and a document's marked text, for every page that shows them.

These were Jinja macros and loops; at 10,000 documents a cold check renders 64,000
cards and 170,000 pieces of text, and the macro machinery was most of the pages'
cost (6.6 s of CPU).  The markup is the same; it is made here with every value
escaped (`markupsafe.escape`), so corpus text still never becomes markup.  The
templates call these as they called the macros (`{{ claim_card(c) }}`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

from markupsafe import Markup, escape

from checker.report.doctext import Piece
from checker.report.htmlviews import ClaimView

_LANGUAGE_NAMES = {"zh": "Chinese"}


@cache
def source() -> str:
    """The text of this module: the digests that name pages and kept pieces include it, as they include templates."""
    return resources.files("checker.report").joinpath("cards.py").read_text(encoding="utf-8")


def quote(c: ClaimView) -> Markup:
    """The claim's sentence, the claim marked in it, with its language when the fact spans two."""
    ref, ex = c.ref, c.excerpt
    lead, lang = "", ""
    if ref.language:
        name = _LANGUAGE_NAMES.get(ref.language, "English")
        lead = f'<span class="lang" title="quoted from a {name} report">{escape(ref.language)}</span> '
        lang = f' lang="{escape(ref.language)}"'
    bare = "" if ex.found else " bare"
    return Markup(  # noqa: S704  every value escaped
        f'{lead}<q{lang} class="excerpt{bare}">'
        f"{escape(ex.before)}<mark>{escape(ex.mark)}</mark>{escape(ex.after)}</q>"
    )


def claim_card(c: ClaimView) -> Markup:
    """A claim as a card: where it is, its role, its quote, its figure, subject, period and modality."""
    ref = c.ref
    caption = [f'<code class="where">{escape(ref.path)}:{ref.line:d}:{ref.column:d}</code>']
    place = ref.place()
    if place:
        caption.append(f' <span class="place">{escape(place)}</span>')
    if c.role:
        caption.append(f' <span class="role">{escape(c.role)}</span>')
    if c.odd:
        caption.append(' <span class="badge error odd-badge">odd one out</span>')
    if c.text_href:
        target = f' data-target="{escape(c.text_target)}"' if c.text_target else ""
        caption.append(f' <a class="open-text" href="{escape(c.text_href)}"{target}>in the text</a>')
    subject = f" · {escape(ref.subject)}" if ref.subject else ""
    return Markup(  # noqa: S704  every value escaped
        f'<figure class="claim{" odd" if c.odd else ""}" title="{escape(c.tip)}">\n'
        f"  <figcaption>{''.join(caption)}</figcaption>\n"
        f"  {quote(c)}\n"
        f'  <p class="figure">{escape(c.figure)}{subject} · {escape(ref.period.label())}'
        f" · {escape(ref.modality.value)}</p>\n"
        "</figure>"
    )


def marked_text(pieces: Sequence[Piece], *, own_page: bool) -> Markup:
    """A document's text with each claim marked: a link to the first finding quoting it, else a mark.

    On the document's `own_page` each claim has an id (findings link to it); on the review page a
    flagged claim opens its finding in place (`open-finding`).
    """
    out: list[str] = []
    for piece in pieces:
        text = escape(piece.text)
        claim = piece.claim
        if claim is None:
            out.append(text)
            continue
        tip = escape(piece.tip)
        ident = f' id="c-{claim.offset:d}"' if own_page else ""
        if piece.findings:
            anchor = escape(piece.findings[0])
            how = (
                f'class="claim flagged"{ident} href="#{anchor}"'
                if own_page
                else (f'class="claim flagged open-finding" href="#{anchor}" data-target="{anchor}"')
            )
            out.append(f'<a {how} title="{tip}" data-tip="{tip}">{text}</a>')
        else:
            out.append(
                f'<mark class="claim"{ident} tabindex="0" title="{tip}" data-tip="{tip}">{text}</mark>'
            )
    return Markup("".join(out))  # noqa: S704  every value escaped
