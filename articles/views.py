from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import DetailView, ListView

from comments.hosts import CommentsPageMixin, discussion_of, with_comment_counts

from .models import Article


class PublishedArticleMixin:
    """Readers only ever see published articles."""

    def get_queryset(self):
        return Article.objects.published()


class ArticleListView(PublishedArticleMixin, ListView):
    paginate_by = 20

    def get_queryset(self):
        articles = with_comment_counts(super().get_queryset())
        return articles.order_by("-published_at", "-pk")


class ArticleDetailView(CommentsPageMixin, PublishedArticleMixin, DetailView):
    """The article and its comments section; whole pages are cached for plain
    visits, here and by any HTTP cache in front (see CommentsPageMixin)."""

    def get_comments_post_url(self):
        return reverse("articles:comments-post", kwargs={"slug": self.object.slug})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"], context["tags"] = self.object.filed_under()
        return context


def comment_recommends(request, slug):
    """Where pages cached before discussions fetched their recommend counts."""
    article = get_object_or_404(Article.objects.published(), slug=slug)
    discussion = discussion_of(article)
    if discussion.pk is None:
        return redirect("articles:detail", slug=slug)
    return redirect("comments:recommend-counts", pk=discussion.pk, permanent=True)
