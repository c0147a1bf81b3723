from captcha.fields import CaptchaField
from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from .captcha import SumCaptchaWidget
from .models import Comment


class CommentForm(forms.ModelForm):
    """The "Leave a Reply" form: who you are, what you say, and the sum."""

    author_url = forms.URLField(
        label=_("Website"),
        max_length=200,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={
            "invalid": _("Enter a website address starting with http:// or https://.")
        },
    )
    captcha = CaptchaField(
        label=_("Anti-spam: what is the sum in the picture?"),
        widget=SumCaptchaWidget(),
        error_messages={
            "required": _("Please solve the sum."),
            "incomplete": _("Please solve the sum."),
            "invalid": _(
                "That answer is wrong, or the sum has expired or was already "
                "used. Please solve the new sum."
            ),
        },
    )

    class Meta:
        model = Comment
        fields = ["body", "author_name", "author_email", "author_url"]
        labels = {"author_email": _("Email")}
        help_texts = {
            "author_email": _("Your email address will not be published."),
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 8, "cols": 45})}

    def comment_data(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def draft(self):
        """An unbound copy that keeps the reader's text (for a new challenge)."""
        return CommentForm(
            initial={name: self.data.get(name, "") for name in self.Meta.fields}
        )
