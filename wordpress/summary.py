"""What an import did, in words: every element imported or counted as skipped."""

from django.utils.translation import gettext, ngettext_lazy

PROBLEMS_SHOWN = 50


SKIPPED = {
    "drafts": ngettext_lazy("%(count)d draft", "%(count)d drafts", "count"),
    "private": ngettext_lazy(
        "%(count)d private post", "%(count)d private posts", "count"
    ),
    "trash": ngettext_lazy(
        "%(count)d trashed post", "%(count)d trashed posts", "count"
    ),
    "pages": ngettext_lazy("%(count)d page", "%(count)d pages", "count"),
    "attachments": ngettext_lazy(
        "%(count)d attachment (media)", "%(count)d attachments (media)", "count"
    ),
    "type": ngettext_lazy(
        "%(count)d post of type %(name)s", "%(count)d posts of type %(name)s", "count"
    ),
    "status": ngettext_lazy(
        "%(count)d post with status %(name)s",
        "%(count)d posts with status %(name)s",
        "count",
    ),
}


def skipped_posts(skipped):
    """ "2 drafts, 1 post of type product", each count in its language's plural."""
    parts = []
    for key, count in sorted(skipped.items()):
        kind, _colon, name = key.partition(":")
        parts.append(SKIPPED[kind] % {"count": count, "name": name})
    return ", ".join(parts) or gettext("none")


def summary_lines(importer, *, control_characters=0, verbosity=1):
    articles, comments = importer.articles, importer.comments
    lines = [
        importer.clock.summary(),
        gettext(
            "Articles: %(created)s created, %(updated)s updated, %(unchanged)s "
            "unchanged; %(protected)s password-protected, imported unpublished "
            "(we have no passwords: publish them in the admin if they may be read)."
        )
        % {**articles_counts(articles), "protected": articles["protected"]},
        gettext("Posts skipped: %(parts)s.")
        % {"parts": skipped_posts(importer.skipped)},
        gettext("Sections: %(sections)s created; tags: %(tags)s created.")
        % {
            "sections": articles["section created"],
            "tags": articles["tag created"],
        },
        gettext(
            "Comments: %(created)s created, %(updated)s updated, %(unchanged)s "
            "unchanged; %(authors)s by the site's own authors (shown as the "
            "newsroom's), %(registered)s by registered readers."
        )
        % {
            **articles_counts(comments),
            "authors": comments["by authors"],
            "registered": comments["by registered readers"],
        },
        gettext(
            "Comments skipped: %(pingback)s pingbacks, %(trackback)s trackbacks, "
            "%(other)s of other types, %(on_skipped)s on skipped posts."
        )
        % {
            "pingback": comments["pingback"],
            "trackback": comments["trackback"],
            "other": comments["other type"],
            "on_skipped": comments["on skipped posts"],
        },
        spam_line(comments["spam"]),
        gettext(
            "Left as they are here: %(erased)s comments whose author's data was "
            "erased, %(deleted)s deleted here (a re-import never brings them back)."
        )
        % {"erased": comments["erased here"], "deleted": comments["deleted here"]},
        gettext(
            "Deleted in WordPress since the last import: %(comments)s comments "
            "moved to trash; %(posts)s posts imported before are not in this "
            "file (left as they are: a partial export looks the same)."
        )
        % {"comments": comments["deleted in WordPress"], "posts": importer.gone_posts},
    ]
    lines.extend(file_lines(importer.problems, control_characters, verbosity))
    return lines


def disqus_lines(importer, *, control_characters=0, verbosity=1):
    counts = importer.counts
    lines = [
        gettext("Threads: %(matched)s matched to articles, %(unmatched)s matched none.")
        % {
            "matched": counts["threads matched"],
            "unmatched": counts["threads unmatched"],
        },
        *(
            gettext("  no article for %(link)s") % {"link": link}
            for link in importer.unmatched
        ),
        gettext(
            "Posts: %(created)s created, %(updated)s updated, %(unchanged)s "
            "unchanged; %(registered)s by registered Disqus users; skipped: "
            "%(unmatched)s on threads matching no article."
        )
        % {
            **articles_counts(counts),
            "registered": counts["by registered users"],
            "unmatched": counts["on unmatched threads"],
        },
        gettext(
            "Spam: %(spam)s imported as spam. Deleted on Disqus: %(deleted)s "
            "imported into the trash."
        )
        % {"spam": counts["spam"], "deleted": counts["deleted on Disqus"]},
        gettext(
            "Left as they are here: %(erased)s posts whose author's data was "
            "erased, %(deleted)s deleted here (a re-import never brings them back)."
        )
        % {"erased": counts["erased here"], "deleted": counts["deleted here"]},
    ]
    lines.extend(file_lines(importer.problems, control_characters, verbosity))
    return lines


def file_lines(problems, control_characters, verbosity):
    lines = []
    if control_characters:
        lines.append(
            gettext(
                "%(count)s control characters removed from the file (XML cannot "
                "carry them; exports keep them as they were typed)."
            )
            % {"count": control_characters}
        )
    return lines + problem_lines(problems, verbosity)


def articles_counts(counts):
    return {name: counts[name] for name in ("created", "updated", "unchanged")}


def spam_line(count):
    if count:
        return gettext("Spam: %(count)s comments imported as spam.") % {"count": count}
    return gettext("Spam: none in the file (WordPress leaves spam out of exports).")


def problem_lines(problems, verbosity):
    if not problems:
        return []
    shown = problems if verbosity >= 2 else problems[:PROBLEMS_SHOWN]
    lines = [
        gettext("Fixed on the way in (%(count)s), to pass the comment form's rules:")
        % {"count": len(problems)}
    ]
    lines.extend(
        gettext("  comment %(id)s: %(problem)s") % {"id": wp_id, "problem": problem}
        for wp_id, problem in shown
    )
    if len(shown) < len(problems):
        lines.append(
            gettext("  … and %(count)s more (run with -v 2 to see them all).")
            % {"count": len(problems) - len(shown)}
        )
    return lines
