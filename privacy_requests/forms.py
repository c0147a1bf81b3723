from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PrivacyRequest


class PrivacyRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("The email address you commented with"), max_length=100
    )
    kind = forms.ChoiceField(
        label=_("What would you like?"),
        choices=PrivacyRequest.Kind,
        widget=forms.RadioSelect,
        initial=PrivacyRequest.Kind.EXPORT,
    )
