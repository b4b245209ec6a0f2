from django.urls import path

from . import views_privacy

urlpatterns = [
    path("mes-donnees/", views_privacy.my_data, name="my_data"),
    path("mes-donnees/supprimer/", views_privacy.delete_account, name="delete_account"),
]
