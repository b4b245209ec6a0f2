"""Saved searches, included in ``search.urls`` (its "search" namespace, under /recherche/)."""

from django.urls import path

from . import views_saved as views

urlpatterns = [
    path("recherches/", views.saved_searches, name="saved_searches"),
    path("recherches/enregistrer/", views.save_search, name="save_search"),
    path("recherches/<int:pk>/supprimer/", views.delete_saved_search, name="delete_saved_search"),
    path(
        "recherches/<int:pk>/alertes/",
        views.toggle_saved_search_alerts,
        name="toggle_saved_search_alerts",
    ),
]
