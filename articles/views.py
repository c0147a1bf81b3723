from django.core.paginator import InvalidPage
from django.http import Http404
from django.views.generic import DetailView, ListView

from comments.sections import comments_section

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
        try:
            section = comments_section(
                self.request, self.object, page_number=self.kwargs.get("page", 1)
            )
        except InvalidPage as error:
            raise Http404(str(error)) from error
        context.update(section)
        return context
