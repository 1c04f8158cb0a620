from django.urls import path

from masthead.readers.feedback import views

urlpatterns = [
    path("feedback/", views.feedback, name="readers_feedback"),
    path("feedback/contact/", views.contact, name="readers_contact"),
    path("feedback/thanks/", views.thanks, name="readers_feedback_thanks"),
]
