"""Arranging approved comments into threads and pages.

Pure functions over anything with `pk` and `parent_id`: the discussion page
fetches a discussion's approved comments in one query and arranges them here,
so the query count does not grow with the thread.
"""

from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """A comment in reading order, with what the template must open and close."""

    comment: object
    depth: int
    has_replies: bool
    closes: int


ORDERS = ("oldest", "newest", "recommended")


class Thread:
    def __init__(self, comments, order="oldest"):
        """`comments` oldest first; `order` arranges the top level only."""
        ids = {comment.pk for comment in comments}
        self.replies = defaultdict(list)
        self.top = []
        for comment in comments:
            if comment.parent_id in ids:
                self.replies[comment.parent_id].append(comment)
            else:
                # A reply whose parent is no longer public stands on its own.
                self.top.append(comment)
        if order == "newest":
            self.top.reverse()
        elif order == "recommended":
            # Stable: equal counts keep the oldest first.
            self.top.sort(key=lambda comment: -comment.recommend_count)
        self.parents = {comment.pk: comment.parent_id for comment in comments}

    def add_pending(self, comments):
        """Put a reader's own pending replies under their (public) parents.

        A pending reply is nobody's parent, and a pending comment takes no
        place among the pages. Returns those with no public parent, which the
        page shows after the thread.
        """
        unplaced = []
        for comment in comments:
            if comment.parent_id in self.parents:
                self.replies[comment.parent_id].append(comment)
            else:
                unplaced.append(comment)
        return unplaced

    def root_of(self, pk):
        while self.parents.get(pk) in self.parents:
            pk = self.parents[pk]
        return pk

    def position(self, pk):
        """The index among top-level comments of the thread holding `pk`."""
        root = self.root_of(pk)
        return next(i for i, comment in enumerate(self.top) if comment.pk == root)

    def entries(self, roots):
        """The comments under `roots`, depth-first, ready for nested lists."""
        ordered = []
        stack = [(root, 0) for root in reversed(roots)]
        while stack:
            comment, depth = stack.pop()
            ordered.append((comment, depth))
            stack.extend(
                (reply, depth + 1) for reply in reversed(self.replies[comment.pk])
            )
        if not ordered:
            return []
        following = [depth for _comment, depth in ordered[1:]] + [0]
        return [
            Entry(
                comment,
                depth,
                has_replies=next_depth > depth,
                closes=max(depth - next_depth, 0),
            )
            for (comment, depth), next_depth in zip(ordered, following, strict=True)
        ]


def reply_parent(parent_id, parents, max_depth):
    """The comment a reply really attaches to, keeping threads `max_depth` deep.

    `parents` maps each approved comment of the discussion to its parent. A reply
    to a comment at the deepest level attaches to that comment's ancestor one
    level up, so it appears beside the comment it answers.
    """
    if max_depth <= 1:
        return None
    chain = [parent_id]
    while parents.get(chain[-1]) in parents:
        chain.append(parents[chain[-1]])
    # chain[-1] is the top-level ancestor; the reply sits one level below.
    level_of_parent = len(chain)
    if level_of_parent < max_depth:
        return parent_id
    return chain[level_of_parent - max_depth + 1]
