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
    # The comment form's POST (the article page again when it is refused).
    path(
        "articles/<uslug:slug>/comments/",
        views.ArticleDetailView.as_view(http_method_names=["post"]),
        name="comments-post",
    ),
    path(
        "articles/<uslug:slug>/comments/recommends/",
        views.comment_recommends,
        name="comment-recommends",
    ),
    path(
        "articles/<uslug:slug>/comments/feed/",
        feeds.ArticleCommentsFeed(),
        name="comments-feed",
    ),
    path(
        "articles/<uslug:slug>/comments/feed/atom/",
        feeds.ArticleCommentsAtomFeed(),
        name="comments-feed-atom",
    ),
]
