import time
import unicodedata

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from . import proof_of_work
from .captcha import SumCaptchaField
from .ledger import Reason
from .models import Comment
from .threads import reply_parent

STAMP_SALT = "comments.form-served-at"
# A reader's website: a web address, never javascript: or data:.
validate_website = URLValidator(schemes=["http", "https"])


def stamp(served_at=None):
    """A signed record of when the form was served."""
    served_at = int(time.time() if served_at is None else served_at)
    return signing.Signer(salt=STAMP_SALT).sign(str(served_at))


def form_age(value):
    """Seconds since the form was served; BadSignature if the stamp was forged."""
    served_at = signing.Signer(salt=STAMP_SALT).unsign(value)
    if not served_at.isdigit():
        raise signing.BadSignature(value)
    return time.time() - int(served_at)


def checked_age(value, *, tampered, too_old):
    """The form's age, or the error a forged or stale stamp deserves."""
    try:
        age = form_age(value)
    except signing.BadSignature:
        raise ValidationError(tampered, code="tampered") from None
    if age > settings.COMMENTS_MAX_FORM_AGE:
        raise ValidationError(too_old, code="too_old")
    return age


def no_control_characters(value):
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in value):
        raise ValidationError(
            _("Remove the control characters from this field."), code="control"
        )


def no_invisible_characters(value):
    if any(unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} for c in value):
        raise ValidationError(
            _("Remove the invisible or direction-changing characters from this field."),
            code="invisible",
        )


# Letters that draw nothing: Hangul fillers and the blank Braille pattern.
BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}


def visible(value):
    """Whether any character of the text shows (not space, format or control)."""
    return any(
        unicodedata.category(c)[0] not in "CZ" and c not in BLANK_LETTERS for c in value
    )


class VisibleCharField(forms.CharField):
    """Text of zero-width spaces and the like is no text: the field is empty."""

    def to_python(self, value):
        value = super().to_python(value)
        return value if visible(value) else self.empty_value


class CommentForm(forms.ModelForm):
    """The "Leave a Reply" form: who you are, what you say, and the sum."""

    reader_field_names = ["body", "author_name", "author_email", "author_url"]

    parent = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("You can only reply to a published comment on this article."),
            "min_value": _(
                "You can only reply to a published comment on this article."
            ),
        },
    )
    author_url = forms.URLField(
        label=_("Website"),
        max_length=200,
        required=False,
        assume_scheme="https",
        validators=[validate_website, no_invisible_characters],
        error_messages={
            "invalid": _("Enter a website address starting with http:// or https://.")
        },
    )
    captcha = SumCaptchaField(label=_("Anti-spam sum"))
    # The proof of work the page's script solves (empty without JavaScript).
    proof = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)
    # A field people never see: bots that fill in every field give themselves away.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    remember = forms.BooleanField(
        label=_(
            "Save my name, email, and website in this browser for the next time "
            "I comment."
        ),
        required=False,
    )
    notify_replies = forms.BooleanField(
        label=_("Notify me of follow-up comments by email."), required=False
    )
    timestamp = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Part of the form is missing. Please post it again.")
        },
    )

    class Meta:
        model = Comment
        fields = ["body", "author_name", "author_email", "author_url"]
        field_classes = {"body": VisibleCharField, "author_name": VisibleCharField}
        labels = {"author_email": _("Email")}
        error_messages = {"body": {"required": _("Please write a comment.")}}
        help_texts = {
            "author_email": _("Your email address will not be published."),
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 8, "cols": 45})}

    def __init__(self, *args, discussion=None, lazy=False, **kwargs):
        """A lazy form leaves out what is the reader's own: the CAPTCHA sum,
        the CSRF token and the time it was served. The discussion page can then
        be the same for every reader (and cached whole); the page's script
        fetches those parts when the reader starts on the form."""
        super().__init__(*args, **kwargs)
        self.discussion = discussion
        self.lazy = lazy
        self.fields["captcha"].widget.lazy = lazy
        self.label_suffix = ""
        self.fields["timestamp"].initial = "" if lazy else stamp()
        self.fields["body"].strip = False
        self.fields["body"].validators.append(no_control_characters)
        self.fields["author_name"].validators.append(no_invisible_characters)

    def reader_fields(self):
        return [self[name] for name in [*self.reader_field_names, "captcha"]]

    def choice_fields(self):
        return [self["remember"], self["notify_replies"]]

    def clean_parent(self):
        """The id of the approved comment of this discussion the reply really
        attaches to (deeper replies attach higher up)."""
        parent_id = self.cleaned_data["parent"]
        if parent_id is None:
            return None
        parents = Comment.objects.parents_of(self.discussion)
        if parent_id not in parents:
            raise ValidationError(
                _("You can only reply to a published comment on this article."),
                code="parent",
            )
        return reply_parent(parent_id, parents, settings.COMMENTS_THREAD_DEPTH)

    def clean_proof(self):
        proof = self.cleaned_data["proof"]
        if proof and not proof_of_work.solved(proof, self.data.get("captcha_0", "")):
            raise ValidationError(
                _(
                    "Your browser's check of this form did not pass. Please post "
                    "your comment again."
                ),
                code="proof",
            )
        return proof

    def clean_timestamp(self):
        age = checked_age(
            self.cleaned_data["timestamp"],
            tampered=_(
                "This form was damaged on its way. Please post your comment again."
            ),
            too_old=_(
                "This form is more than a day old. Please post your comment again."
            ),
        )
        if age < settings.COMMENTS_MIN_FORM_SECONDS:
            raise ValidationError(
                _("That was quick! Please check your comment, then post it again."),
                code="too_fast",
            )
        return age

    def comment_data(self):
        names = [*self.reader_field_names, "notify_replies"]
        data = {name: self.cleaned_data[name] for name in names}
        return {**data, "parent_id": self.cleaned_data["parent"]}

    def restamp(self):
        """Replace a forged or stale stamp, so that posting again can succeed."""
        if self.has_error("timestamp") and not self.has_error("timestamp", "too_fast"):
            self.data = self.data.copy()
            self.data["timestamp"] = stamp()

    def draft(self, lazy=False):
        """An unbound copy that keeps the reader's text (for a new challenge,
        or, lazy, without one)."""
        names = [*self.reader_field_names, "parent", "remember", "notify_replies"]
        return CommentForm(
            discussion=self.discussion,
            lazy=lazy,
            initial={name: self.data.get(name, "") for name in names},
        )


class CommentEditForm(forms.ModelForm):
    """The author's new text, within the edit window."""

    class Meta:
        model = Comment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8, "cols": 45})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        self.fields["body"].strip = False
        self.fields["body"].validators.append(no_control_characters)

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise ValidationError(_("Please write a comment."), code="required")
        return body


class ReportForm(forms.Form):
    """A reader's report on a published comment."""

    reason = forms.ChoiceField(
        label=_("Why should an editor look at this comment?"),
        choices=Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why you report this comment.")},
    )
    note = forms.CharField(
        label=_("Anything to add (optional)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    timestamp = forms.CharField(widget=forms.HiddenInput)

    def clean_timestamp(self):
        return checked_age(
            self.cleaned_data["timestamp"],
            tampered=_("This form was damaged on its way. Please send it again."),
            too_old=_("This form is more than a day old. Please send it again."),
        )
