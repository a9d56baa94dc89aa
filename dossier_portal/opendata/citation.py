"""How to cite a measure or an article: a plain-text reference and a BibTeX entry, each with
the dossier's year, the page's permalink and the day it was accessed (and the day an editor last
changed it, if one has)."""

import re
from dataclasses import dataclass

from django.utils import timezone

from dossier_portal.content.dates import format_date

PUBLISHER = "Observatory for Sociopolitical Developments in Europe"
DOSSIER = "Dossier 1 | 2025"
DOSSIER_YEAR = 2025


@dataclass(frozen=True)
class Citation:
    plain: str
    bibtex: str
    accessed: str  # the day, as the plain reference prints it (the page's script updates it)


def cite(*, key: str, title: str, authors: list[str], url: str, edited_at=None) -> Citation:
    """`authors` are people's names; without any, the Observatory is the author. `edited_at`:
    when an editor last changed the record (None for the dossier's text as loaded)."""
    accessed = timezone.localdate()
    by = ", ".join(authors) or PUBLISHER
    updated = (
        f"last updated {format_date(timezone.localdate(edited_at), 'day')}; " if edited_at else ""
    )
    plain = (
        f"{by} ({DOSSIER_YEAR}): {title}. In: {PUBLISHER}, {DOSSIER}. {url} "
        f"({updated}accessed {format_date(accessed, 'day')})."
    )
    # Braces keep a corporate author whole and the title's capitals as written.
    author = " and ".join(_bibtex_escape(name) for name in authors) or f"{{{PUBLISHER}}}"
    fields = {
        "author": author,
        "title": f"{{{_bibtex_escape(title)}}}",
        "howpublished": _bibtex_escape(f"{PUBLISHER}, {DOSSIER}"),
        "year": str(DOSSIER_YEAR),
        "url": url,
        "urldate": accessed.isoformat(),
    }
    if edited_at:
        fields["note"] = f"Last updated {timezone.localdate(edited_at).isoformat()}"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return Citation(
        plain=plain,
        bibtex=f"@misc{{{key},\n{body}\n}}",
        accessed=format_date(accessed, "day"),
    )


_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    **{char: f"\\{char}" for char in "&%$#_{}"},
}
_BIBTEX_SPECIAL = re.compile("|".join(re.escape(char) for char in _BIBTEX_SPECIALS))


def _bibtex_escape(text: str) -> str:
    """LaTeX's special characters, escaped in one pass; the rest (Unicode included) as it is."""
    return _BIBTEX_SPECIAL.sub(lambda match: _BIBTEX_SPECIALS[match.group()], text)


def bibtex_key(prefix: str, slug: str) -> str:
    return re.sub(r"[^A-Za-z0-9:-]", "", f"{prefix}:{slug}")
