"""Quick edit of a comment's text, name and website, from the queue's row
(or, on a mistake, from a plain page of its own)."""

from django import forms
from django.contrib.admin.utils import construct_change_message
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .admin_views import next_url
from .caching import pages_changed
from .models import Comment


class QuickEditForm(forms.ModelForm):
    prefix = "edit"
    author_url = forms.URLField(
        label=capfirst(Comment._meta.get_field("author_url").verbose_name),
        max_length=200,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Comment
        fields = ["body", "author_name", "author_url"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}


@require_http_methods(["GET", "POST"])
def quick_edit(request, pk, *, model_admin):
    comment = get_object_or_404(Comment.objects.select_related("discussion"), pk=pk)
    if not model_admin.has_change_permission(request, comment):
        raise PermissionDenied
    form = QuickEditForm(request.POST or None, instance=comment)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            form.save()
            if comment.status == Comment.Status.APPROVED:
                pages_changed([comment.discussion_id])
            model_admin.log_change(
                request, comment, construct_change_message(form, None, False)
            )
            model_admin.message_user(request, _("The comment is saved."))
            return redirect(next_url(request))
        status = 400
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Quick edit"),
        "opts": Comment._meta,
        "comment": comment,
        "form": form,
        "next": next_url(request),
    }
    return TemplateResponse(
        request, "admin/comments/comment/quick_edit.html", context, status=status
    )
