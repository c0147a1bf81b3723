"""Blocks in the admin: "Spam and block" from a comment's page, and the
Blocks list with expiry, who made each, and Lift (undo)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from .bans import author_block, block_values, blocks_lift
from .models import Block, Comment

DURATIONS = [
    ("1", gettext_lazy("for a day")),
    ("7", gettext_lazy("for a week")),
    ("30", gettext_lazy("for 30 days")),
    ("365", gettext_lazy("for a year")),
    ("", gettext_lazy("for good")),
]


class BlockForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Block"),
        choices=Block.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    days = forms.ChoiceField(
        label=gettext_lazy("How long"), choices=DURATIONS, required=False
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=200, required=False
    )


def block_choices(comment):
    """The form's checkboxes for one comment: each kind with its value."""
    values = block_values(comment)
    return [
        (kind, f"{label}: {values[kind]}")
        for kind, label in Block.Kind.choices
        if kind in values
    ]


@require_POST
def block(request, pk, *, model_admin):
    """Spam and block: the chosen blocks, and the author's pending comments
    (this one too) to spam, in one request."""
    if not model_admin.has_moderate_permission(request):
        raise PermissionDenied
    comment = get_object_or_404(Comment, pk=pk)
    form = BlockForm(request.POST)
    form.fields["kinds"].choices = block_choices(comment)
    if not form.is_valid():
        model_admin.message_user(
            request,
            _("Choose what to block (the email, the address…)."),
            messages.ERROR,
        )
        return redirect("admin:comments_comment_change", pk)
    blocks, count = author_block(
        comment=comment,
        kinds=form.cleaned_data["kinds"],
        days=int(form.cleaned_data["days"] or 0) or None,
        reason=form.cleaned_data["reason"],
        user=request.user,
    )
    model_admin.message_user(
        request,
        ngettext(
            "Blocked %(blocks)s; %(count)d comment moved to spam.",
            "Blocked %(blocks)s; %(count)d comments moved to spam.",
            count,
        )
        % {"blocks": ", ".join(map(str, blocks)), "count": count},
    )
    return redirect("admin:comments_comment_change", pk)


@admin.action(permissions=["moderate"], description=gettext_lazy("Lift (undo)"))
def lift(modeladmin, request, queryset):
    count = blocks_lift(blocks=queryset, user=request.user)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d block lifted; the comments it sent to spam are back.",
            "%(count)d blocks lifted; the comments they sent to spam are back.",
            count,
        )
        % {"count": count},
    )


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = [
        "value",
        "kind",
        "reason",
        "created_by",
        "created_at",
        "expires_at",
        "active",
    ]
    list_filter = ["kind"]
    list_select_related = ["created_by"]
    search_fields = ["value", "reason"]
    actions = [lift]

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    # Blocks are made from a comment's page and lifted with the action; a
    # moderator sees them all.
    def has_view_permission(self, request, obj=None):
        return self.has_moderate_permission(request)

    def has_module_permission(self, request):
        return self.has_moderate_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("in force"), boolean=True)
    def active(self, block):
        return block.expires_at is None or block.expires_at > timezone.now()
