"""The editor's desk in the admin: the overview, one-click decisions and
replies as the newsroom. CommentAdmin.get_urls() binds them to itself."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from .editors import set_signature, signature
from .models import Comment, EditorProfile
from .overview import overview
from .services import comment_moderate, comment_reply

Status = Comment.Status

# The one-click decisions: the row buttons, the comment page, the email link.
DECISIONS = [
    (Status.APPROVED, gettext_lazy("Approve")),
    (Status.SPAM, gettext_lazy("Spam")),
    (Status.TRASH, gettext_lazy("Trash")),
]


def decision_buttons(comment, formaction=""):
    """The comment's status and a button for each decision (one click, POST).

    Built in Python rather than a template: the queue draws it on every row.
    """
    action = format_html(' formaction="{}"', formaction) if formaction else ""
    label = _("the comment by %(name)s") % {"name": comment.author_name}
    buttons = format_html_join(
        "",
        '<button type="submit" class="button desk-decision desk-{}" name="status" '
        'value="{}"{}{}>{}<span class="desk-sr"> {}</span></button>',
        (
            (value, value, action, " disabled" if comment.status == value else "",
             text, label)
            for value, text in DECISIONS
        ),
    )  # fmt: skip
    return format_html(
        '<span class="desk-status desk-status-{}">{}</span>\n'
        '<span class="desk-decisions">{}</span>',
        comment.status,
        comment.get_status_display(),
        buttons,
    )


DONE = {
    Status.APPROVED: ngettext_lazy(
        "%(count)d comment approved.", "%(count)d comments approved.", "count"
    ),
    Status.PENDING: ngettext_lazy(
        "%(count)d comment moved back to pending.",
        "%(count)d comments moved back to pending.",
        "count",
    ),
    Status.SPAM: ngettext_lazy(
        "%(count)d comment marked as spam.",
        "%(count)d comments marked as spam.",
        "count",
    ),
    Status.TRASH: ngettext_lazy(
        "%(count)d comment moved to the trash.",
        "%(count)d comments moved to the trash.",
        "count",
    ),
}


class DecisionForm(forms.Form):
    status = forms.ChoiceField(choices=DECISIONS)


class ReplyForm(forms.Form):
    body = forms.CharField(max_length=65525)


def desk(request, *, model_admin):
    """The overview: the queue's state, the last 30 days, who decided what."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Moderation desk"),
        "opts": Comment._meta,
        **overview(),
    }
    return TemplateResponse(request, "admin/comments/desk.html", context)


class SignatureForm(forms.ModelForm):
    class Meta:
        model = EditorProfile
        fields = ["display_name"]


@require_http_methods(["GET", "POST"])
def signature_page(request, *, model_admin):
    """Each editor sets the name that signs their replies as the newsroom."""
    form = SignatureForm(
        request.POST or None, initial={"display_name": signature(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        set_signature(request.user, form.cleaned_data["display_name"])
        model_admin.message_user(request, _("Your display name is saved."))
        return redirect("admin:comments_signature")
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Your display name"),
        "opts": Comment._meta,
        "form": form,
    }
    return TemplateResponse(request, "admin/comments/signature.html", context)


@require_http_methods(["GET", "POST"])
def decide(request, pk, *, model_admin):
    """One comment and three buttons. A GET only shows them (mail scanners
    follow links); a POST decides, then goes back where the editor was."""
    if not model_admin.has_moderate_permission(request):
        raise PermissionDenied
    comment = get_object_or_404(
        Comment.objects.select_related("article").prefetch_related("reasons"), pk=pk
    )
    back = next_url(request)
    status = 200
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            decision = form.cleaned_data["status"]
            count = comment_moderate(
                comments=Comment.objects.filter(pk=pk),
                status=decision,
                user=request.user,
            )
            model_admin.message_user(request, DONE[decision] % {"count": count})
            return redirect(back)
        model_admin.message_user(
            request, _("Choose approve, spam or trash."), messages.ERROR
        )
        status = 400
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Decide on a comment"),
        "opts": Comment._meta,
        "comment": comment,
        "decisions": DECISIONS,
        "next": back,
    }
    return TemplateResponse(
        request, "admin/comments/comment/decide.html", context, status=status
    )


@require_POST
def reply(request, pk, *, model_admin):
    """Publish the editor's answer under a comment, as the newsroom."""
    if not model_admin.has_moderate_permission(request):
        raise PermissionDenied
    parent = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        answer = comment_reply(
            parent=parent, body=form.cleaned_data["body"], user=request.user
        )
        model_admin.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("Your reply is published."),
                answer.get_absolute_url(),
                _("See it on the site"),
            ),
        )
    else:
        model_admin.message_user(
            request, _("Write a reply before publishing it."), messages.ERROR
        )
    return redirect("admin:comments_comment_change", pk)


def next_url(request):
    """Where to go after a decision: the page the editor came from, if ours."""
    candidate = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:comments_comment_changelist")
