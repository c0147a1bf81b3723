"""What a host project's views use to give their pages a comments section.

A host view is a DetailView of any model with `CommentsPageMixin`, and its
template says `{% load comments %}{% comments_section object %}`. The mixin
brings the discussion with the object (one query), takes the comment form's
POST (a rejected one re-renders the host's own page, text kept), and caches
whole pages for readers with nothing personal to show.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import InvalidPage
from django.db.models import CharField, Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce
from django.http import Http404, HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.decorators import method_decorator
from django.utils.http import quote_etag
from django.views.decorators.csrf import csrf_exempt

from .caching import (
    cached_page,
    is_anonymous_visit,
    pages_changed,
    store_page,
    version_of,
)
from .models import Comment, Discussion
from .posting import draft_kept_when_database_unavailable, post_comment
from .sections import comments_section, page_id

# The discussion's columns a host page reads with its object.
DISCUSSION_FIELDS = ["pk", "title", "comments_open", "closes_at", "published_at"]
PREFIX = "comments_discussion_"


def of_host(model):
    """The discussions of the rows of a host queryset (correlated on pk)."""
    return Discussion.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=Cast(OuterRef("pk"), CharField()),
    )


def comments_of_host(model, pk=None):
    """The comments of the rows of a host queryset (correlated on pk), or of
    the object of `model` with that `pk`."""
    return Comment.objects.filter(
        discussion__content_type=ContentType.objects.get_for_model(model),
        discussion__object_id=Cast(OuterRef("pk"), CharField())
        if pk is None
        else str(pk),
    )


def counted(comments):
    """How many of `comments` (from comments_of_host) each row has."""
    found = comments.order_by().values("discussion").annotate(n=Count("*"))
    return Coalesce(Subquery(found.values("n"), output_field=IntegerField()), 0)


def with_discussion(queryset):
    """The host objects with their discussion and its page version, in the
    same query (see discussion_of)."""
    found = of_host(queryset.model)
    columns = {
        f"{PREFIX}{name}": Subquery(found.values(name)[:1])
        for name in DISCUSSION_FIELDS
    }
    token = Subquery(found.values("page_version__token")[:1])
    return queryset.annotate(**columns, **{f"{PREFIX}token": token})


def with_comment_counts(queryset):
    """The host objects with `comment_count`, their approved comments, counted
    in the query that lists them."""
    approved = comments_of_host(queryset.model).approved()
    return queryset.annotate(comment_count=counted(approved))


def host_changed(obj):
    """Call inside the transaction that changed a host object readers see
    (its text, title, publication): its discussion takes the new title and
    publication date, and its cached pages are replaced."""
    pages_changed([Discussion.objects.sync_with_host(obj).pk])


def host_deleted(queryset):
    """Call before deleting host objects: their discussions and comments go,
    and the cached copies of their pages with them."""
    discussions = Discussion.objects.filter(pk__in=of_host_rows(queryset))
    pages_changed(discussions.values_list("pk", flat=True))
    discussions.delete()


def of_host_rows(queryset):
    """The ids of the discussions of the objects of a queryset."""
    ids = [str(pk) for pk in queryset.values_list("pk", flat=True)]
    return Discussion.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model),
        object_id__in=ids,
    ).values("pk")


def discussion_of(obj):
    """The discussion of a host object: as read with it by with_discussion,
    or from the database (never created: reading a page writes nothing)."""
    if isinstance(obj, Discussion):
        return obj
    cached = getattr(obj, "_comments_discussion", None)
    if cached is not None:
        return cached
    if not hasattr(obj, f"{PREFIX}pk"):
        discussion = Discussion.objects.read_for_object(obj)
    elif getattr(obj, f"{PREFIX}pk") is None:
        discussion = Discussion.objects.read_for_object(obj, missing=True)
    else:
        discussion = Discussion(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            **{name: getattr(obj, PREFIX + name) for name in DISCUSSION_FIELDS},
        )
        discussion._state.adding = False  # a row that exists, read another way
        discussion._page_token = getattr(obj, f"{PREFIX}token") or ""
        discussion.hosted_by(obj)
    obj._comments_discussion = discussion
    return discussion


class CommentsPageMixin:
    """For a host DetailView: its discussion, the comment POST and the page cache.

    The thread page comes from the URL's `page` argument, or from the
    `comment-page` query parameter.
    """

    @classmethod
    def as_view(cls, **initkwargs):
        # posting.post_comment runs Django's CSRF check itself (see there).
        return csrf_exempt(super().as_view(**initkwargs))

    def get_queryset(self):
        return with_discussion(super().get_queryset())

    def comment_page_number(self):
        number = self.kwargs.get("page") or self.request.GET.get("comment-page", 1)
        try:
            return int(number)
        except ValueError as error:
            raise Http404(str(error)) from error

    def get(self, request, *args, **kwargs):
        if not self.is_shared_visit(request):
            response = super().get(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            return vary_on_cookie(response)
        page_number = page_id(request, self.comment_page_number())
        gzipped = accepts_gzip(request)
        page = cached_page(self.page_path(), page_number, gzipped, self.stored_version)
        if page is None:
            page = self.render_page(page_number, gzipped)
        return shared_response(request, page, gzipped)

    def is_shared_visit(self, request):
        """Whether the page is the one every reader gets (cached), not theirs."""
        return is_anonymous_visit(request)

    def page_path(self):
        """What the page's cached copies are filed under: its path."""
        return self.request.path

    def stored_version(self):
        """The discussion's page version, read with the host object (404 if
        the object is gone or no longer shown)."""
        return version_of(discussion_of(self.get_object()))

    def render_page(self, page_number, gzipped):
        self.object = self.get_object()  # with the version, before the thread
        response = self.render_to_response(self.get_context_data(object=self.object))
        response.render()
        discussion = discussion_of(self.object)
        return store_page(
            self.page_path(), page_number, discussion, response.content, gzipped
        )

    @method_decorator(draft_kept_when_database_unavailable)
    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        discussion = self.get_discussion()
        self.object._comments_discussion = discussion
        return post_comment(request, discussion, self.render_form)

    def get_discussion(self):
        """The discussion a comment is posted to (created with the first)."""
        discussion = discussion_of(self.object)
        if discussion.pk is None:
            discussion = Discussion.objects.for_object(self.object)
        return discussion

    def render_form(self, form, status, notice):
        """The host's own page again, with the reader's form (and its errors)."""
        context = self.get_context_data(
            object=self.object, comments_form=form, comments_form_notice=notice
        )
        response = self.render_to_response(context, status=status)
        patch_cache_control(response, private=True)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["comments_post_url"] = self.get_comments_post_url()
        context["comments_page"] = self.comment_page_number()
        return context

    def get_comments_post_url(self):
        """Where the form posts: this page, unless the host names another URL."""
        return self.request.path


def section_context(request, discussion, *, page_number=1, form=None, notice=""):
    """What `{% comments_section %}` renders; 404 for a thread page that does
    not exist."""
    try:
        section = comments_section(
            request, discussion, form=form, page_number=page_number
        )
    except InvalidPage as error:
        raise Http404(str(error)) from error
    return {"discussion": discussion, "form_notice": notice, **section}


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
        s_maxage=settings.COMMENTS_CACHE_S_MAXAGE,
        stale_while_revalidate=settings.COMMENTS_CACHE_STALE_WHILE_REVALIDATE,
    )
    vary_on_cookie(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)


def accepts_gzip(request):
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def vary_on_cookie(response):
    """Shared caches must tell readers with personal cookies (and gzip) apart."""
    patch_vary_headers(response, ["Cookie", "Accept-Encoding"])
    return response
