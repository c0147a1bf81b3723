from django.views.generic import DetailView, ListView

from comments.thread import thread_context

from .models import Article


class PublishedArticleMixin:
    """Readers only ever see published articles."""

    def get_queryset(self):
        return Article.objects.published()


class ArticleListView(PublishedArticleMixin, ListView):
    paginate_by = 20


class ArticleDetailView(PublishedArticleMixin, DetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(thread_context(self.request, self.object))
        return context
