"""Tags that help people link to, cite and reuse a page: {% page_meta object %} in the head,
{% cite object %} on measure and article pages."""

from django import template

from dossier_portal.opendata import structured_data

register = template.Library()


def _canonical(request, obj) -> str:
    """The one URL of the page: the object's, or this path without its query string."""
    path = obj.get_absolute_url() if obj is not None else request.path
    return request.build_absolute_uri(path)


@register.inclusion_tag("includes/meta.html", takes_context=True)
def page_meta(context, obj=None):
    """`obj` is the page's `object` from the view's context; pages without one pass ''.
    Error pages rendered without a request get nothing: they have no URL of their own."""
    request = context.get("request")
    if request is None:
        return {"meta": None}
    obj = obj or None
    meta = structured_data.page_meta(obj, _canonical(request, obj), request.build_absolute_uri("/"))
    return {"meta": meta}


@register.inclusion_tag("includes/cite.html", takes_context=True)
def cite(context, obj):
    return {"citation": structured_data.citation(obj, _canonical(context["request"], obj))}
