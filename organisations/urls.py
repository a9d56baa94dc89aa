from django.urls import path

from organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.index, name="index"),
    path("people/", views.people, name="people"),
    path("people/<slug:slug>/", views.person, name="person"),
    path("<slug:slug>/", views.detail, name="detail"),
]
