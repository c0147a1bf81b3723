from django.urls import path

from . import editing_views, feeds, recommend_views, views

app_name = "comments"
urlpatterns = [
    path("articles/<slug:slug>/comments/", views.post_comment, name="post"),
    path("comments/<int:pk>/", views.comment_permalink, name="permalink"),
    path("comments/<int:pk>/edit/", editing_views.edit, name="edit"),
    path("comments/<int:pk>/delete/", editing_views.delete, name="delete"),
    path("comments/<int:pk>/recommend/", recommend_views.recommend, name="recommend"),
    path(
        "articles/<slug:slug>/comments/recommends/",
        recommend_views.counts,
        name="recommend-counts",
    ),
    path("comments/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("captcha/audio/<str:key>.wav", views.captcha_audio, name="captcha-audio"),
    path("comments/challenge/", views.challenge, name="challenge"),
    path("feeds/comments/", feeds.LatestCommentsFeed(), name="feed"),
    path("feeds/comments/atom/", feeds.LatestCommentsAtomFeed(), name="feed-atom"),
    path(
        "articles/<slug:slug>/comments/feed/",
        feeds.ArticleCommentsFeed(),
        name="article-feed",
    ),
    path(
        "articles/<slug:slug>/comments/feed/atom/",
        feeds.ArticleCommentsAtomFeed(),
        name="article-feed-atom",
    ),
]
