"""The Comment admin's personal-data tools: export and erase a commenter's data."""

from collections import Counter

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import privacy
from .personal_data import personal_data_erase, personal_data_export


class ExportForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"))
    file_format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[
            ("json", gettext_lazy("JSON")),
            ("csv", gettext_lazy("CSV, for spreadsheets")),
        ],
        initial="json",
        widget=forms.RadioSelect,
    )


def export_response(email, file_format, rows):
    content_type, write = privacy.EXPORT_FORMATS[file_format]
    filename = f"personal-data-{slugify(email)}.{file_format}"
    response = HttpResponse(
        content_type=content_type,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
    write(rows, response)
    return response


def commenter_email(modeladmin, request, queryset):
    """The one email address the selected comments were made with, if one."""
    emails = {
        email.lower() for email in queryset.values_list("author_email", flat=True)
    }
    if len(emails) == 1 and "" not in emails:
        return emails.pop()
    modeladmin.message_user(
        request,
        _("Select comments made with one and the same email address."),
        messages.WARNING,
    )
    return None


def export_action(file_format, description):
    """An admin action that downloads every comment made with the address."""

    @admin.action(permissions=["export_personal_data"], description=description)
    def action(modeladmin, request, queryset):
        email = commenter_email(modeladmin, request, queryset)
        if email:
            return export_response(email, file_format, personal_data_export(email))
        return None

    action.__name__ = f"export_personal_data_{file_format}"
    return action


@admin.action(
    permissions=["erase_personal_data"],
    description=gettext_lazy("Erase the commenter's personal data"),
)
def erase_personal_data(modeladmin, request, queryset):
    """Show what erasure would do; erase once the editor confirms."""
    email = commenter_email(modeladmin, request, queryset)
    if not email:
        return None
    if request.POST.get("post") != "yes":
        plan = personal_data_erase(email=email, delete_text=True, dry_run=True)
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": _("Erase the personal data of %(email)s") % {"email": email},
            "opts": modeladmin.model._meta,
            "plan": plan,
            "queryset": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/comments/comment/erase_personal_data.html", context
        )
    plan = personal_data_erase(
        email=email,
        delete_text=request.POST.get("delete_text") == "on",
        user=request.user,
    )
    modeladmin.message_user(request, erased_message(plan), messages.SUCCESS)
    return None


def erased_message(plan):
    fates = Counter(fate for _comment, fate in plan)
    message = ngettext(
        "Personal data erased from %(count)d comment.",
        "Personal data erased from %(count)d comments.",
        len(plan),
    ) % {"count": len(plan)}
    if fates[privacy.Fate.ANONYMISED] == len(plan):
        return message
    return (
        message
        + " "
        + _("Deleted: %(deleted)d; kept without text for their replies: %(kept)d.")
        % {
            "deleted": fates[privacy.Fate.DELETED],
            "kept": fates[privacy.Fate.PLACEHOLDER],
        }
    )


class PersonalDataAdminMixin:
    """Export and erase tools, and room in the form for erased comments."""

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [
            path("export/", export, name="comments_comment_export"),
            *super().get_urls(),
        ]

    def has_export_personal_data_permission(self, request):
        return request.user.has_perm("comments.export_personal_data")

    def has_erase_personal_data_permission(self, request):
        return request.user.has_perm("comments.erase_personal_data")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Erased and some imported comments have no email address.
        if db_field.name == "author_email":
            kwargs["required"] = False
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "body"] if obj and obj.is_removed else fields

    def export_view(self, request):
        """Export by email: the form, then the file."""
        if not self.has_export_personal_data_permission(request):
            raise PermissionDenied
        form = ExportForm(request.POST or None)
        if form.is_valid():
            email = form.cleaned_data["email"]
            rows = personal_data_export(email)
            if rows:
                return export_response(email, form.cleaned_data["file_format"], rows)
            form.add_error("email", _("No comment was made with this email address."))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Export a commenter's personal data"),
            "opts": self.model._meta,
            "form": form,
        }
        return TemplateResponse(
            request, "admin/comments/comment/export_personal_data.html", context
        )


privacy_actions = [
    export_action("json", gettext_lazy("Export the commenter's data (JSON)")),
    export_action("csv", gettext_lazy("Export the commenter's data (CSV)")),
    erase_personal_data,
]
