from django.urls import path

from . import feeds, views

app_name = "articles"
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("feeds/articles/", feeds.LatestArticlesFeed(), name="feed"),
    path("feeds/articles/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("articles/<uslug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path(
        "articles/<uslug:slug>/comment-page-<int:page>/",
        views.ArticleDetailView.as_view(),
        name="comment-page",
    ),
]
