from django.urls import path

from . import export_views

urlpatterns = [
    path("export/data.json", export_views.export_data, name="export_data"),
    path("export/data.pdf", export_views.export_data_pdf, name="export_data_pdf"),
    path("export/cv.pdf", export_views.export_cv, name="export_cv"),
]
