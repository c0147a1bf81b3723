"""The moderation word lists, kept as one text per kind, a term per line."""

from django.db import transaction

from .models import Keyword

MAX_TERM = Keyword._meta.get_field("term").max_length


def terms_from(text):
    """The distinct terms of a text, one a line, blanks and repeats dropped
    (repeats compared without regard to case, as they match)."""
    terms = {}
    for line in text.splitlines():
        term = line.strip()
        if term:
            terms.setdefault(term.casefold(), term)
    return list(terms.values())


@transaction.atomic
def keywords_replace(*, kind: Keyword.Kind, terms: list[str]) -> tuple[int, int]:
    """Make the list of one kind exactly `terms`; return (added, removed)."""
    current = set(Keyword.objects.terms(kind))
    removed, _deleted = (
        Keyword.objects.filter(kind=kind).exclude(term__in=terms).delete()
    )
    added = Keyword.objects.bulk_create(
        Keyword(kind=kind, term=term) for term in terms if term not in current
    )
    return len(added), removed
