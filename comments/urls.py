from django.urls import path, re_path

from . import editing_views, embed_views, feeds, recommend_views, views

app_name = "comments"
urlpatterns = [
    path("discussions/<int:pk>/", views.DiscussionView.as_view(), name="discussion"),
    path(
        "discussions/<int:pk>/recommends/",
        recommend_views.counts,
        name="recommend-counts",
    ),
    path(
        "discussions/<int:pk>/feed/",
        feeds.DiscussionCommentsFeed(),
        name="discussion-feed",
    ),
    path(
        "discussions/<int:pk>/feed/atom/",
        feeds.DiscussionCommentsAtomFeed(),
        name="discussion-feed-atom",
    ),
    path("comments/<int:pk>/", views.comment_permalink, name="permalink"),
    path("comments/<int:pk>/edit/", editing_views.edit, name="edit"),
    path("comments/<int:pk>/delete/", editing_views.delete, name="delete"),
    path("comments/<int:pk>/recommend/", recommend_views.recommend, name="recommend"),
    path("comments/<int:pk>/report/", views.report_comment, name="report"),
    path(
        "comments/unsubscribe/<str:token>/", views.unsubscribe_link, name="unsubscribe"
    ),
    path("comments/confirm/<str:token>/", views.confirm_address, name="confirm"),
    path("captcha/audio/<str:key>.wav", views.captcha_audio, name="captcha-audio"),
    # Before the library's own views: our picture, and our refresh (budgeted).
    re_path(r"^captcha/image/(?P<key>[0-9a-f]{40})/$", views.captcha_image),
    path("comments/challenge/", views.challenge, name="challenge"),
    # The embed: the loader, its frame (by page URL, then by discussion),
    # the counts, and the <noscript> link.
    path("comments/embed.js", embed_views.loader, name="embed-loader"),
    path("comments/embed/frame/", embed_views.FrameView.as_view(), name="embed-frame"),
    path(
        "comments/embed/frame/<int:pk>/",
        embed_views.DiscussionFrameView.as_view(),
        name="embed-discussion",
    ),
    path("comments/embed/counts/", embed_views.counts, name="embed-counts"),
    path("comments/embed/page/", embed_views.discussion_page, name="embed-page"),
    path("captcha/refresh/", views.challenge),
    path("feeds/comments/", feeds.LatestCommentsFeed(), name="feed"),
    path("feeds/comments/atom/", feeds.LatestCommentsAtomFeed(), name="feed-atom"),
]
