"""The moderation words in the admin: each list one text area, a term a line."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxLengthValidator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Keyword
from .wordlists import MAX_TERM, keywords_replace, terms_from


def term_lengths(text):
    for term in terms_from(text):
        MaxLengthValidator(MAX_TERM)(term)


def word_list(kind):
    """One list as a text area, a term per line."""
    return forms.CharField(
        label=kind.label,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        validators=[term_lengths],
        help_text=gettext_lazy(
            "One word, name, URL, email or IP address per line. Matched without "
            "regard to case in the name, email, website, text, IP address and "
            "user agent; a plain word matches whole words only."
        ),
    )


class WordListsForm(forms.Form):
    moderate = word_list(Keyword.Kind.MODERATE)
    disallow = word_list(Keyword.Kind.DISALLOW)


@admin.register(Keyword)
class KeywordAdmin(admin.ModelAdmin):
    list_display = ["term", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["term"]

    def changelist_view(self, request, extra_context=None):
        """Both lists on one page, each a text area; saving replaces them."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        can_edit = all(
            check(request)
            for check in (self.has_add_permission, self.has_delete_permission)
        )
        initial = {
            kind: "\n".join(Keyword.objects.terms(kind)) for kind in Keyword.Kind
        }
        form = WordListsForm(
            request.POST if request.method == "POST" else None, initial=initial
        )
        if form.is_bound and can_edit and form.is_valid():
            changes = [
                keywords_replace(kind=kind, terms=terms_from(form.cleaned_data[kind]))
                for kind in Keyword.Kind
            ]
            self.message_user(
                request,
                _("Moderation words saved: %(added)d added, %(removed)d removed.")
                % {
                    "added": sum(added for added, _removed in changes),
                    "removed": sum(removed for _added, removed in changes),
                },
            )
            return redirect(request.get_full_path())
        context = {
            **self.admin_site.each_context(request),
            "title": _("Moderation words"),
            "opts": self.opts,
            "form": form,
            "can_edit": can_edit,
        }
        return TemplateResponse(
            request,
            "admin/comments/keyword/word_lists.html",
            context,
            status=400 if form.is_bound else 200,
        )
