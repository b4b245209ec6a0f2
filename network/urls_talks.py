"""Discovery talks, appointments and the agenda, included in ``network.urls``."""

from django.urls import path

from . import views_talks as views

urlpatterns = [
    path("talks/", views.talk_list, name="talks"),
    path("talks/slots/", views.my_slots, name="my_slots"),
    path("talks/slots/<int:slot_id>/", views.slot_detail, name="talk_slot"),
    path("talks/slots/<int:slot_id>/cancel/", views.slot_cancel, name="slot_cancel"),
    path("talks/bookings/<int:booking_id>/confirm/", views.booking_confirm, name="booking_confirm"),
    path("talks/bookings/<int:booking_id>/decline/", views.booking_decline, name="booking_decline"),
    path("talks/bookings/<int:booking_id>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("talks/bookings/<int:booking_id>/done/", views.booking_done, name="booking_done"),
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/rendez-vous/<int:booking_id>.ics", views.booking_ics, name="booking_ics"),
]
