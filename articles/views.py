from django.conf import settings
from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import quote_etag
from django.views.generic import DetailView, ListView

from comments.caching import (
    cached_page,
    is_anonymous_visit,
    store_page,
    version_of,
)
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
    """The article and its comments; whole pages are cached for plain visits,
    here and by any HTTP cache in front."""

    def get_queryset(self):
        # The page version comes with the article, read before the thread.
        return super().get_queryset().select_related("page_version")

    def get(self, request, *args, **kwargs):
        if not is_anonymous_visit(request):
            response = super().get(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            return vary_on_cookie(response)
        page_number = page_id(request, self.kwargs.get("page", 1))
        gzipped = accepts_gzip(request)
        page = cached_page(self.kwargs["slug"], page_number, gzipped)
        if page is None:
            page = self.render_page(page_number, gzipped)
        return shared_response(request, page, gzipped)

    def render_page(self, page_number, gzipped):
        self.object = self.get_object()
        version = version_of(self.object)  # read with the article, before the thread
        response = self.render_to_response(self.get_context_data(object=self.object))
        response.render()
        return store_page(self.object, page_number, version, response.content, gzipped)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            section = comments_section(
                self.request, self.object, page_number=self.kwargs.get("page", 1)
            )
        except InvalidPage as error:
            raise Http404(str(error)) from error
        context.update(section)
        context["sections"], context["tags"] = self.object.filed_under()
        return context


def shared_response(request, page, gzipped):
    """The page as any reader without personal cookies gets it, cacheable by
    a shared HTTP cache for a moment, and 304 when the reader has it already."""
    response = HttpResponse(page.content)
    if gzipped:
        response["Content-Encoding"] = "gzip"
    response["ETag"] = quote_etag(page.etag)
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.ARTICLES_CACHE_S_MAXAGE,
        stale_while_revalidate=settings.ARTICLES_CACHE_STALE_WHILE_REVALIDATE,
    )
    vary_on_cookie(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)


def accepts_gzip(request):
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def vary_on_cookie(response):
    """Shared caches must tell readers with personal cookies (and gzip) apart."""
    patch_vary_headers(response, ["Cookie", "Accept-Encoding"])
    return response
