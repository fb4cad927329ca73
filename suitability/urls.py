from django.urls import path

from . import views

app_name = "suitability"

urlpatterns = [
    path("clients/<int:pk>/assess/", views.assess, name="assess"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("products/", views.product_list, name="product_list"),
    path("approvals/", views.approvals, name="approvals"),
    path("plans/<int:pk>/approve/", views.approve, name="approve"),
    path("plans/<int:pk>/reject/", views.reject, name="reject"),
]
