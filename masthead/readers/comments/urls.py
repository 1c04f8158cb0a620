from django.urls import path

from masthead.readers.comments import views

urlpatterns = [
    path("<int:article_id>/", views.post_comment, name="readers_comment_post"),
    path(
        "<int:article_id>/page/<int:number>/",
        views.comment_page,
        name="readers_comment_page",
    ),
    path(
        "<int:article_id>/reply/<int:comment_id>/",
        views.reply_form,
        name="readers_comment_reply",
    ),
    path(
        "report/<int:comment_id>/",
        views.report_comment,
        name="readers_comment_report",
    ),
]
