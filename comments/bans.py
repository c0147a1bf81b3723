"""Spam and block: block a comment's author and send their pending comments to
spam in one step; lift a block and undo what it did."""

import uuid
from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from .blocks import Block, in_network, network_of
from .ledger import Actor, Reason, Source
from .models import Comment
from .moderation import Status
from .services import comment_moderate, comment_undo


def block_values(comment):
    """What of a comment's author can be blocked: {kind: value}."""
    values = {}
    email = comment.author_email.strip().lower()
    if email:
        values[Block.Kind.EMAIL] = email
        values[Block.Kind.DOMAIN] = email.rpartition("@")[2]
    if comment.ip_address:
        values[Block.Kind.ADDRESS] = comment.ip_address
        values[Block.Kind.NETWORK] = network_of(comment.ip_address)
    return values


@transaction.atomic
def author_block(
    *,
    comment: Comment,
    kinds: list[str],
    days: int | None,
    reason: str,
    user: User,
) -> tuple[list[Block], int]:
    """Block what the editor chose of the comment's author; send the comment
    and every pending comment the blocks cover to spam. A fixed number of
    queries however many comments that is. Returns (blocks, comments moved)."""
    values = block_values(comment)
    batch = uuid.uuid4()
    expires_at = timezone.now() + timedelta(days=days) if days else None
    blocks = Block.objects.bulk_create(
        Block(
            kind=kind,
            value=values[kind],
            reason=reason,
            created_by=user,
            expires_at=expires_at,
            batch=batch,
        )
        for kind in kinds
        if kind in values
    )
    count = comment_moderate(
        comments=Comment.objects.filter(Q(pk=comment.pk) | covered(blocks)),
        status=Status.SPAM,
        user=user,
        actor=Actor.BAN,
        source=Source.ADMIN_FORM,
        reason=Reason.SPAM,
        note="; ".join(map(str, blocks)),
        batch=batch,
    )
    return blocks, count


def covered(blocks):
    """The pending comments the blocks cover, as a filter."""
    found = Q(pk__in=[])
    for block in blocks:
        if block.kind == Block.Kind.EMAIL:
            found |= Q(author_email__iexact=block.value)
        elif block.kind == Block.Kind.DOMAIN:
            found |= Q(author_email__iendswith=f"@{block.value}")
        elif block.kind == Block.Kind.ADDRESS:
            found |= Q(ip_address=block.value)
        elif ":" not in block.value:
            # An IPv4 /24 is a prefix of the address's text.
            found |= Q(ip_address__startswith=block.value.rsplit(".", 1)[0] + ".")
        else:
            found |= Q(pk__in=pending_in_network(block.value))
    return Q(status=Status.PENDING) & found


def pending_in_network(network):
    addresses = (
        Comment.objects.pending()
        .filter(ip_address__contains=":")
        .values_list("pk", "ip_address")
    )
    return [pk for pk, address in addresses if in_network(address, network)]


@transaction.atomic
def blocks_lift(*, blocks: QuerySet[Block], user: User) -> int:
    """Lift blocks and put back the comments each sent to spam (unless decided
    again since); return how many blocks were lifted."""
    batches = set(blocks.values_list("batch", flat=True))
    for batch in batches:
        comment_undo(batch=batch, user=user)
    count, _deleted = blocks.delete()
    return count
