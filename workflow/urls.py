from django.urls import path

from . import views

app_name = "workflow"

urlpatterns = [
    path("preview/shared/<str:token>/", views.SharedPreviewView.as_view(), name="shared_preview"),
]
