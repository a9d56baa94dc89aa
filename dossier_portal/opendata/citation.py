"""How to cite a measure or an article: a plain-text reference and a BibTeX entry, each with
the page's permalink and the date it was last updated."""

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


def cite(*, key: str, title: str, authors: list[str], url: str, updated_at) -> Citation:
    """`authors` are people's names; without any, the Observatory is the author."""
    updated = timezone.localdate(updated_at)
    by = ", ".join(authors) or PUBLISHER
    plain = (
        f"{by} ({DOSSIER_YEAR}): {title}. In: {PUBLISHER}, {DOSSIER}. {url} "
        f"(last updated {format_date(updated, 'day')})."
    )
    # Braces keep a corporate author whole and the title's capitals as written.
    author = " and ".join(_bibtex_escape(name) for name in authors) or f"{{{PUBLISHER}}}"
    fields = {
        "author": author,
        "title": f"{{{_bibtex_escape(title)}}}",
        "howpublished": _bibtex_escape(f"{PUBLISHER}, {DOSSIER}"),
        "year": str(DOSSIER_YEAR),
        "url": url,
        "note": f"Last updated {updated.isoformat()}",
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return Citation(plain=plain, bibtex=f"@misc{{{key},\n{body}\n}}")


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
