import base64

from captcha.models import CaptchaStore
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import DetailView

from . import budgets
from .captcha import speaks_language, store, sum_challenge
from .captcha_audio import captcha_wav
from .captcha_image import captcha_png
from .cookies import reader_id, remember_reader
from .forms import ReportForm, stamp
from .hosts import CommentsPageMixin
from .http import client_ip
from .models import Comment, Discussion, NotificationAddress
from .posting import retry_later
from .proof_of_work import puzzle
from .reporting import TooManyReports, comment_report, reporter_digest
from .subscriptions import (
    address_from_token,
    comment_from_token,
    confirm,
    unsubscribe,
)
from .threads import Thread


class DiscussionView(CommentsPageMixin, DetailView):
    """A discussion on the comments site: its thread and form, whatever it
    hangs on (the `<noscript>` link of an embed, a frame's page)."""

    template_name = "comments/discussion_detail.html"
    context_object_name = "discussion"

    def get_queryset(self):
        return Discussion.objects.public().select_related("page_version")

    def get_discussion(self):
        return self.object


@never_cache
@require_GET
def challenge(request):
    """What the lazy form lacks: a sum of its own, a CSRF token and the time."""
    if request.headers.get("X-Requested-With") != "XMLHttpRequest":
        raise Http404
    try:
        budgets.spend("challenge", client_ip(request))
    except budgets.Exhausted as exhausted:
        refusal = JsonResponse({"error": exhausted.message()}, status=429)
        return retry_later(refusal, exhausted)
    challenge, answer = sum_challenge()
    key = store(challenge, answer)
    audio = speaks_language() and reverse("comments:captcha-audio", args=[key])
    picture = base64.b64encode(captcha_png(challenge, key)).decode()
    return JsonResponse(
        {
            "key": key,
            # The picture itself (one request less), and where the no-JS form finds it.
            "image": f"data:image/png;base64,{picture}",
            "image_url": reverse("captcha-image", args=[key]),
            "audio_url": audio or None,
            "csrf_token": get_token(request),
            "timestamp": stamp(),
            "puzzle": puzzle(key),
        }
    )


def comment_permalink(request, pk):
    """Redirect to the page of the discussion's thread that holds the comment."""
    comment = get_object_or_404(
        Comment.objects.public().select_related("discussion"), pk=pk
    )
    thread = Thread(
        list(
            Comment.objects.for_thread(comment.discussion).only(
                "pk", "parent_id", "recommend_count"
            )
        ),
        order=settings.COMMENTS_ORDER,
    )
    page = thread.position(comment.pk) // settings.COMMENTS_PER_PAGE + 1
    url = comment.discussion.get_comment_page_url(page)
    return redirect(f"{url}#comment-{comment.pk}")


@never_cache
@require_http_methods(["GET", "POST"])
def report_comment(request, pk):
    """A reader reports a published comment: a small form, then thanks."""
    comment = get_object_or_404(
        Comment.objects.public().select_related("discussion"), pk=pk
    )
    status = 200
    form = ReportForm(request.POST or None, initial={"timestamp": stamp()})
    if request.method == "POST":
        if form.is_valid():
            return reported(request, comment, form.cleaned_data)
        form.data = form.data.copy()
        form.data["timestamp"] = stamp()
        status = 400
    return render_report(request, comment, form, status)


def reported(request, comment, data):
    reader = reader_id(request)
    try:
        comment_report(
            comment=comment,
            reason=data["reason"],
            note=data["note"],
            reporter=reporter_digest(reader),
            ip_address=client_ip(request),
        )
    except TooManyReports:
        form = ReportForm(request.POST.copy())
        form.data["timestamp"] = stamp()
        form.is_valid()
        form.add_error(
            None,
            _("You have sent many reports in the last hour. Please try again later."),
        )
        return render_report(request, comment, form, 429)
    messages.success(request, _("Thank you, an editor will look at it."))
    url = comment.discussion.get_comment_page_url(1)
    response = redirect(f"{url}#comments")
    remember_reader(response, reader)
    return response


def render_report(request, comment, form, status):
    context = {"comment": comment, "discussion": comment.discussion, "form": form}
    return render(request, "comments/report.html", context, status=status)


@csrf_exempt  # Mail clients post here for one-click unsubscribe (RFC 8058).
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe_link(request, token):
    """A button that stops reply emails for one reader on one article.

    Opening the link changes nothing (mail scanners open links); the button,
    or a mail client's one-click POST, unsubscribes."""
    try:
        comment = comment_from_token(token)
    except signing.SignatureExpired:
        return link_expired(
            request,
            _(
                "This unsubscribe link is more than a year old and has expired. "
                "Every newer email about comments has a link of its own."
            ),
        )
    except (signing.BadSignature, ValueError, TypeError, Comment.DoesNotExist):
        return link_invalid(request)
    context = {"discussion": comment.discussion}
    if request.method == "GET":
        return render(request, "comments/unsubscribe.html", context)
    unsubscribe(comment)
    return render(request, "comments/unsubscribed.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_address(request, token):
    """Double opt-in: the link from the confirmation email shows a button;
    pressing it (a POST) lets follow-up emails go to the address."""
    try:
        address = address_from_token(token)
    except signing.SignatureExpired:
        return link_expired(
            request,
            _(
                "This confirmation link is more than 30 days old and has expired. "
                "Tick “Notify me” with your next comment to get a new one."
            ),
        )
    except (
        signing.BadSignature,
        ValueError,
        TypeError,
        NotificationAddress.DoesNotExist,
    ):
        return link_invalid(request)
    if request.method == "GET":
        return render(request, "comments/confirm.html", {"address": address})
    confirm(address)
    return render(request, "comments/confirmed.html")


def link_expired(request, message):
    context = {"expired": message}
    return render(request, "comments/link_invalid.html", context, status=400)


def link_invalid(request):
    return render(request, "comments/link_invalid.html", status=400)


def captcha_audio(request, key):
    """The CAPTCHA's sum read aloud, for readers who cannot see the picture."""
    if not settings.CAPTCHA_FLITE_PATH:
        raise Http404
    try:
        budgets.spend("audio", client_ip(request))
    except budgets.Exhausted as exhausted:
        return retry_later(HttpResponse(exhausted.message(), status=429), exhausted)
    challenge = live_challenge(key)
    if challenge is None:
        return HttpResponse(status=410)
    return HttpResponse(captcha_wav(challenge), content_type="audio/wav")


def captcha_image(request, key):
    """The CAPTCHA's picture: the same for one challenge, new for every other."""
    challenge = live_challenge(key)
    if challenge is None:
        return HttpResponse(status=410)
    return HttpResponse(captcha_png(challenge, key), content_type="image/png")


def live_challenge(key):
    """The text of a challenge that has not expired, or None: gone, as the
    library answers (HTTP 410), so that expired sums are not indexed."""
    return (
        CaptchaStore.objects.filter(hashkey=key, expiration__gt=timezone.now())
        .values_list("challenge", flat=True)
        .first()
    )
