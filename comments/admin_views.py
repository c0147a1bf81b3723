"""The moderation views of the comment admin: one-click decisions, undo,
Empty Spam/Trash and replies as the newsroom. CommentAdmin.get_urls() binds
them to itself."""

import uuid
from functools import lru_cache

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy, ngettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .editors import set_signature, signature
from .ledger import Reason, Source
from .models import Comment, EditorProfile
from .purge import comments_purge
from .services import comment_moderate, comment_reply, comment_restore, comment_undo

Status = Comment.Status
RESTORE = "restore"

# The one-click decisions: the row buttons, the comment page, the email link.
DECISIONS = [
    (Status.APPROVED, gettext_lazy("Approve")),
    (Status.SPAM, gettext_lazy("Spam")),
    (Status.TRASH, gettext_lazy("Trash")),
]
# Back to the status before spam or trash, as WordPress words it.
RESTORE_LABELS = {
    Status.SPAM: gettext_lazy("Not spam"),
    Status.TRASH: gettext_lazy("Restore"),
}


@lru_cache(maxsize=32)
def button_words(language):
    """The buttons' words in one language, translated once, not once per row."""
    return {
        "decisions": [(value, str(text)) for value, text in DECISIONS],
        "restore": {status: str(text) for status, text in RESTORE_LABELS.items()},
        "statuses": {value: str(label) for value, label in Status.choices},
        "which": _("the comment by %(name)s"),
    }


def decision_buttons(comment, formaction=""):
    """The comment's status and a button for each decision (one click, POST).

    Built in Python rather than a template: the queue draws it on every row.
    """
    said = button_words(get_language())
    action = format_html(' formaction="{}"', formaction) if formaction else ""
    label = said["which"] % {"name": comment.author_name}
    choices = list(said["decisions"])
    if comment.status in said["restore"]:
        choices.insert(0, (RESTORE, said["restore"][comment.status]))
    buttons = format_html_join(
        "",
        '<button type="submit" class="button desk-decision desk-{}" name="status" '
        'value="{}"{}{}>{}<span class="desk-sr"> {}</span></button>',
        (
            (value, value, action, " disabled" if comment.status == value else "",
             text, label)
            for value, text in choices
        ),
    )  # fmt: skip
    return format_html(
        '<span class="desk-status desk-status-{}">{}</span>\n'
        '<span class="desk-decisions">{}</span>',
        comment.status,
        said["statuses"][comment.status],
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


RESTORED = ngettext_lazy(
    "%(count)d comment restored to its previous status.",
    "%(count)d comments restored to their previous status.",
    "count",
)
UNDONE = ngettext_lazy(
    "Undone: %(count)d comment is back where it was.",
    "Undone: %(count)d comments are back where they were.",
    "count",
)


REASONS = [("", gettext_lazy("(no reason given)")), *Reason.choices]


class DecisionForm(forms.Form):
    status = forms.ChoiceField(choices=[*DECISIONS, (RESTORE, gettext_lazy("Restore"))])
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason"),
        choices=REASONS,
        required=False,
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=500, required=False)


class UndoForm(forms.Form):
    batch = forms.UUIDField()


def decision_made(request, model_admin, *, status, count, batch, back):
    """The message after a decision, with its Undo button (a plain POST form)."""
    text = (RESTORED if status == RESTORE else DONE[status]) % {"count": count}
    if count:
        text = format_html(
            '{} <form method="post" action="{}" class="desk-undo">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="batch" value="{}">'
            '<input type="hidden" name="next" value="{}">'
            '<button type="submit" class="button">{}</button></form>',
            text,
            reverse("admin:comments_comment_undo"),
            get_token(request),
            batch,
            back,
            _("Undo"),
        )
    model_admin.message_user(request, text)


def moderate(*, comments, decision, user, source, reason="", note=""):
    """Apply one decision (a status or a restore); return (count, batch)."""
    batch = uuid.uuid4()
    if decision == RESTORE:
        count = comment_restore(
            comments=comments, user=user, source=source, batch=batch
        )
    else:
        count = comment_moderate(
            comments=comments,
            status=decision,
            user=user,
            source=source,
            reason=reason,
            note=note,
            batch=batch,
        )
    return count, batch


class ReplyForm(forms.Form):
    body = forms.CharField(max_length=65525)


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
        Comment.objects.select_related("discussion").prefetch_related("reasons"), pk=pk
    )
    back = next_url(request)
    status = 200
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            decision = form.cleaned_data["status"]
            count, batch = moderate(
                comments=Comment.objects.filter(pk=pk),
                decision=decision,
                user=request.user,
                source=decision_source(request),
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
            decision_made(
                request,
                model_admin,
                status=decision,
                count=count,
                batch=batch,
                back=back,
            )
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
        "reasons": REASONS,
        "next": back,
    }
    return TemplateResponse(
        request, "admin/comments/comment/decide.html", context, status=status
    )


EMPTIED = {
    Status.SPAM: ngettext_lazy(
        "%(count)d spam comment deleted for good.",
        "%(count)d spam comments deleted for good.",
        "count",
    ),
    Status.TRASH: ngettext_lazy(
        "%(count)d comment in the trash deleted for good.",
        "%(count)d comments in the trash deleted for good.",
        "count",
    ),
}


@require_http_methods(["GET", "POST"])
def empty(request, status, *, model_admin):
    """Empty Spam / Empty Trash: a GET asks, naming the count; a POST deletes."""
    if not model_admin.has_moderate_permission(request):
        raise PermissionDenied
    if status not in EMPTIED:
        raise Http404
    comments = Comment.objects.filter(status=status)
    queue = reverse("admin:comments_comment_changelist") + f"?status={status}"
    if request.method == "POST":
        count = comments_purge(comments=comments, user=request.user)
        model_admin.message_user(request, EMPTIED[status] % {"count": count})
        return redirect(queue)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Empty Spam") if status == Status.SPAM else _("Empty Trash"),
        "opts": Comment._meta,
        "status": Status(status),
        "count": comments.count(),
        "queue": queue,
    }
    return TemplateResponse(request, "admin/comments/comment/empty.html", context)


def decision_source(request):
    """Where the decision came from: the queue's row, the email's page, or
    the comment's own page (whose form says so)."""
    if request.method == "POST" and request.POST.get("source") in Source.values:
        return Source(request.POST["source"])
    return Source.BUTTON


@require_POST
def undo(request, *, model_admin):
    """Put back what one decision changed, and go back where the editor was."""
    if not model_admin.has_moderate_permission(request):
        raise PermissionDenied
    form = UndoForm(request.POST)
    if not form.is_valid():
        model_admin.message_user(
            request, _("There is no such decision to undo."), messages.ERROR
        )
        return redirect(next_url(request))
    count = comment_undo(batch=form.cleaned_data["batch"], user=request.user)
    model_admin.message_user(request, UNDONE % {"count": count})
    return redirect(next_url(request))


@require_POST
def reply(request, pk, *, model_admin):
    """Publish the editor's answer under a comment, as the newsroom."""
    if not model_admin.has_moderate_permission(request):
        raise PermissionDenied
    parent = get_object_or_404(Comment.objects.select_related("discussion"), pk=pk)
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
    # From a queue row, back to the queue; from the comment's page, to it.
    if "next" in request.POST:
        return redirect(next_url(request))
    return redirect("admin:comments_comment_change", pk)


def next_url(request):
    """Where to go after a decision: the page the editor came from, if ours."""
    candidate = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:comments_comment_changelist")
