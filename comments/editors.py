"""How editors sign what they publish as the newsroom: a display name of
their own choosing, never their login name (which would help a stranger
guess half of their credentials)."""

from django.utils.translation import gettext as _

from .models import EditorProfile


def signature(user):
    """The name under an editor's newsroom replies."""
    profile = EditorProfile.objects.filter(user=user).first()
    return (profile and profile.display_name) or user.get_full_name() or _("Newsroom")


def set_signature(user, display_name):
    EditorProfile.objects.update_or_create(
        user=user, defaults={"display_name": display_name}
    )
