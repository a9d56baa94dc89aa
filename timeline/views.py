from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from timeline.models import Measure


@require_safe
def index(request):
    measures = Measure.objects.published().prefetch_related("milestones")
    return render(request, "timeline/index.html", {"measures": measures})


@require_safe
def measure(request, slug):
    measure = get_object_or_404(Measure.objects.visible_to(request.user), slug=slug)
    return render(request, "timeline/measure.html", {"measure": measure})
