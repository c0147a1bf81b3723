"""The queue's rows: the whole text, who it answers, where it is, why it was
held, and what to do about it (decide, reply, quick edit).

Built with format_html rather than templates: the queue draws 50 rows a page.
"""

from functools import lru_cache
from urllib.parse import urlencode

from django.contrib import admin
from django.urls import get_script_prefix, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from .admin_views import decision_buttons
from .models import Comment

# Longer texts show this many characters, the rest behind "Show more".
FOLD_AT = 400

# The rows' fixed words: translated once per language, not once per row (a
# lazy string looks the language up each time it is read).
WORDS = {
    "select": _("Select this object for an action - {}"),
    "deleted": _("This comment was deleted."),
    "in_reply_to": _("in reply to"),
    "open": _("Open"),
    "on": _("on “%(title)s”"),
    "view_post": _("View post"),
    "on_the_site": _("on the site"),
    "show_more": _("Show more"),
    "reply": _("Reply"),
    "reply_as": _("Reply as the newsroom"),
    "publish": _("Publish reply"),
    "quick_edit": _("Quick edit"),
    "comment": _("Comment %(pk)s by %(name)s"),
}


@lru_cache(maxsize=32)
def translated(language):
    return {key: str(text) for key, text in WORDS.items()}


def words():
    return translated(get_language())


@lru_cache
def queue_base(prefix):
    """The queue's address (reversed once per script prefix, not per row)."""
    return reverse("admin:comments_comment_changelist")


def queue_url(path=""):
    return queue_base(get_script_prefix()) + path


def queue_link(**lookup):
    """The queue filtered by one lookup, across every status."""
    return queue_url("?" + urlencode({**lookup, "status": "all"}))


def folded(text):
    """The text, with what follows the first FOLD_AT characters behind a
    "Show more" (a <details>: no JavaScript needed)."""
    if len(text) <= FOLD_AT:
        return format_html('<div class="desk-text">{}</div>', text)
    cut = text.rfind(" ", 0, FOLD_AT) + 1 or FOLD_AT
    return format_html(
        '<div class="desk-text">{}…</div><details class="desk-more">'
        '<summary>{}</summary><div class="desk-text">…{}</div></details>',
        text[:cut],
        words()["show_more"],
        text[cut:],
    )


def view_post_url(comment):
    if comment.status == Comment.Status.APPROVED:
        return f"{get_script_prefix()}comments/{comment.pk}/"
    # The comments site's page of the discussion: no host to fetch per row.
    return comment.discussion.url or comment.discussion.get_site_url()


def row_tools(comment):
    """Reply as the newsroom, in the row (its fields belong to the row's own
    form, outside the queue's, see change_list.html); and Quick edit, a plain
    page that queue.js brings into the row."""
    form = f"desk-row-{comment.pk}"
    said = words()
    return format_html(
        '<div class="desk-row-tools">'
        '<details><summary>{}</summary>'
        '<label for="{}-reply">{}</label>'
        '<textarea id="{}-reply" name="body" rows="3" form="{}"></textarea>'
        '<button type="submit" class="button" form="{}" formaction="{}">{}</button>'
        "</details>"
        '<a class="desk-quick-edit" href="{}" data-form="{}">{}</a></div>',
        said["reply"], form, said["reply_as"], form, form, form,
        queue_url(f"{comment.pk}/reply/"), said["publish"],
        queue_url(f"{comment.pk}/quick-edit/"), form, said["quick_edit"],
    )  # fmt: skip


class QueueRowsMixin:
    """The columns of the Comment admin's list."""

    def action_checkbox(self, comment):
        """Django's row checkbox, without a trip through the form templates per
        row (it was a fifth of the queue's time)."""
        said = words()
        name = said["comment"] % {"pk": comment.pk, "name": comment.author_name}
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="{}">',
            admin.helpers.ACTION_CHECKBOX_NAME,
            comment.pk,
            format_html(said["select"], name),
        )

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        """The whole text (long ones folded), whom it answers, and the tools."""
        said = words()
        change = queue_url(f"{comment.pk}/change/")
        if comment.is_removed:
            text = format_html("<em>{}</em>", said["deleted"])
        else:
            text = folded(comment.body)
        answers = ""
        if comment.parent_id:
            answers = format_html(
                '<div class="desk-quiet">{} <em>{}</em></div>',
                said["in_reply_to"],
                comment.parent.author_name,
            )
        return format_html(
            '<a class="desk-open" href="{}">{}</a>{}{}{}',
            change,
            said["open"],
            text,
            answers,
            "" if comment.is_removed else row_tools(comment),
        )

    @admin.display(description=_("author"), ordering="author_name")
    def author(self, comment):
        """The author; their email and address filter the queue."""
        email = comment.author_email and format_html(
            '<a href="{}">{}</a>',
            queue_link(author_email__iexact=comment.author_email),
            comment.author_email,
        )
        address = comment.ip_address and format_html(
            '<a href="{}">{}</a>',
            queue_link(ip_address=comment.ip_address),
            comment.ip_address,
        )
        return format_html(
            "<strong>{}</strong><br>{}<br>{}",
            comment.author_name,
            email or "",
            address or "",
        )

    @admin.display(description=_("posted"), ordering="submitted_at")
    def posted(self, comment):
        submitted = localtime(comment.submitted_at)
        said = words()
        discussion = comment.discussion
        return format_html(
            '<time datetime="{}">{}</time><div class="desk-quiet">{}{} · '
            '<a href="{}">{}<span class="desk-sr"> {}</span></a></div>',
            submitted.isoformat(),
            date_format(submitted, "DATETIME_FORMAT"),
            said["on"] % {"title": discussion.title},
            format_html(' <span class="desk-url">{}</span>', discussion.url)
            if discussion.url
            else "",
            view_post_url(comment),
            said["view_post"],
            said["on_the_site"],
        )

    @admin.display(description=_("why"))
    def why(self, comment):
        reasons = format_html_join(
            "", "<div>{}</div>", ((reason,) for reason in comment.reasons.all())
        )
        reports = getattr(comment, "open_reports", None)
        if not reports:
            return reasons
        return format_html(
            '{}<div class="desk-reports"><strong>{}</strong> {}</div>',
            reasons,
            ngettext(
                "Reported by %(count)d reader:",
                "Reported by %(count)d readers:",
                len(reports),
            )
            % {"count": len(reports)},
            "; ".join(map(str, reports)),
        )

    @admin.display(description=_("status"))
    def decide(self, comment):
        """The status, and a button for each other decision (one click, POST).

        The buttons submit the changelist's own form (its CSRF token and the
        page to come back to) to the decide view, so no form is nested.
        """
        return decision_buttons(comment, queue_url(f"{comment.pk}/decide/"))
