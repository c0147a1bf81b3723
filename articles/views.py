from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponse
from django.utils.cache import patch_vary_headers
from django.views.generic import DetailView, ListView

from comments.caching import cached_page, is_anonymous_visit, store_page, thread_version
from comments.models import approved_count
from comments.sections import comments_section, page_id

from .models import Article


class PublishedArticleMixin:
    """Readers only ever see published articles."""

    def get_queryset(self):
        return Article.objects.published()


class ArticleListView(PublishedArticleMixin, ListView):
    paginate_by = 20

    def get_queryset(self):
        articles = super().get_queryset().annotate(comment_count=approved_count())
        return articles.order_by("-published_at", "-pk")


class ArticleDetailView(PublishedArticleMixin, DetailView):
    """The article and its comments; whole pages are cached for plain visits."""

    def get(self, request, *args, **kwargs):
        page_number = page_id(request, self.kwargs.get("page", 1))
        if not is_anonymous_visit(request):
            return vary_on_cookie(super().get(request, *args, **kwargs))
        gzipped = accepts_gzip(request)
        content = cached_page(self.kwargs["slug"], page_number, gzipped)
        if content is not None:
            response = HttpResponse(content)
            if gzipped:
                response["Content-Encoding"] = "gzip"
            return vary_on_cookie(response)
        self.object = self.get_object()
        version = thread_version(self.object.pk)
        response = self.render_to_response(self.get_context_data(object=self.object))
        response.render()
        store_page(self.object, page_number, version, response.content)
        return vary_on_cookie(response)

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


def accepts_gzip(request):
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def vary_on_cookie(response):
    """Shared caches must tell readers with personal cookies (and gzip) apart."""
    patch_vary_headers(response, ["Cookie", "Accept-Encoding"])
    return response
