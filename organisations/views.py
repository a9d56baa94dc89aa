from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from organisations.models import Organisation, Person


@require_safe
def index(request):
    organisations = Organisation.objects.published()
    return render(request, "organisations/index.html", {"organisations": organisations})


@require_safe
def detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), slug=slug)
    return render(request, "organisations/detail.html", {"organisation": organisation})


@require_safe
def person(request, slug):
    person = get_object_or_404(Person.objects.visible_to(request.user), slug=slug)
    return render(request, "organisations/person.html", {"person": person})
