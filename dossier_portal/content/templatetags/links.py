"""How an outside address reads in running text: by the site's name, not the raw address with
its tracking query ("Rhiannon-Faye McDonald on linkedin.com")."""

from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def site_name(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")
