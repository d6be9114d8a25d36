from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("articles/", views.ArticleListView.as_view(), name="article_list"),
    path("articles/markdown-preview/", views.markdown_preview, name="markdown_preview"),
    path("articles/topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
    path("articles/<slug:slug>/", views.article_detail, name="article_detail"),
    path("articles/<slug:slug>/preview/", views.article_preview, name="article_preview"),
]
