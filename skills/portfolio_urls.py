from django.urls import path

urlpatterns: list = [
    # Filled by the portfolio views (skills/views.py).
]
