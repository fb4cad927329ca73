from django.urls import path

from . import views

app_name = "clientimport"

urlpatterns = [
    path("", views.upload_page, name="upload_page"),
    path("upload/", views.upload, name="upload"),
    path("template/", views.template, name="template"),
    path("<int:pk>/", views.preview, name="preview"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
]
