from django.urls import path

from timeline import views

app_name = "timeline"
urlpatterns = [
    path("", views.index, name="index"),
    path("celex/<str:celex>/", views.measure_by_celex, name="measure_by_celex"),
    path("<slug:slug>/", views.measure, name="measure"),
]
