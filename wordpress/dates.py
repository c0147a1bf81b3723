"""One moment from WordPress's two dates, and a note of how it was chosen.

WordPress stores each date twice: in GMT and in the site's time zone, whose
name the export does not carry. The GMT date wins when there is one. A date
without it (a zero GMT date, as WordPress writes for drafts and some old
comments) is read in the time zone given with --time-zone; failing that, at
the offset between the two dates of the last item that had both; failing
that, in our own TIME_ZONE.
"""

from collections import Counter
from datetime import UTC

from django.utils import timezone
from django.utils.translation import gettext


class Clock:
    def __init__(self, zone=None):
        self.zone = zone
        self.offset = None
        self.counts = Counter()

    def moment(self, when):
        if when.gmt is not None:
            if when.local is not None:
                self.offset = when.local - when.gmt.replace(tzinfo=None)
            self.counts["gmt"] += 1
            return when.gmt
        if self.zone is not None:
            self.counts["zone"] += 1
            return timezone.make_aware(when.local, self.zone)
        if self.offset is not None:
            self.counts["offset"] += 1
            return (when.local - self.offset).replace(tzinfo=UTC)
        self.counts["ours"] += 1
        return timezone.make_aware(when.local)

    def summary(self):
        """What was read how, in words."""
        counts = self.counts
        parts = [gettext("%(count)s with their GMT date") % {"count": counts["gmt"]}]
        if counts["zone"]:
            parts.append(
                gettext("%(count)s without one, read in %(zone)s (--time-zone)")
                % {"count": counts["zone"], "zone": self.zone}
            )
        if counts["offset"]:
            parts.append(
                gettext(
                    "%(count)s without one, read at the offset of the file's "
                    "other dates (give --time-zone to be exact)"
                )
                % {"count": counts["offset"]}
            )
        if counts["ours"]:
            parts.append(
                gettext(
                    "%(count)s without one, read in %(zone)s (our TIME_ZONE; "
                    "give --time-zone to be exact)"
                )
                % {"count": counts["ours"], "zone": timezone.get_current_timezone()}
            )
        return gettext("Dates of posts and comments: %(parts)s.") % {
            "parts": "; ".join(parts)
        }
