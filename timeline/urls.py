from django.urls import path

from timeline import lookups, views

app_name = "timeline"
urlpatterns = [
    path("", views.index, name="index"),
    path("celex/<str:celex>/", views.measure_by_celex, name="measure_by_celex"),
    # Before <slug>/: "ref" is the lookup, never a measure's slug.
    path("ref/", lookups.by_reference, name="by-reference"),
    path("<slug:slug>/", views.measure, name="measure"),
]
