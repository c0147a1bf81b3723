from types import SimpleNamespace

from django.test import SimpleTestCase

from comments.threads import Thread, reply_parent


def comments(*pairs):
    return [SimpleNamespace(pk=pk, parent_id=parent) for pk, parent in pairs]


class ThreadTests(SimpleTestCase):
    def setUp(self):
        # 1 ─ 2 ─ 3      4      5 (parent 99 is not public)
        #     └ 6
        self.thread = Thread(
            comments((1, None), (2, 1), (3, 2), (4, None), (5, 99), (6, 1))
        )

    def test_top_level_comments_include_orphans(self):
        assert [c.pk for c in self.thread.top] == [1, 4, 5]

    def test_entries_are_depth_first_with_open_and_close_marks(self):
        entries = self.thread.entries(self.thread.top)
        assert [(e.comment.pk, e.depth, e.has_replies, e.closes) for e in entries] == [
            (1, 0, True, 0),
            (2, 1, True, 0),
            (3, 2, False, 1),
            (6, 1, False, 1),
            (4, 0, False, 0),
            (5, 0, False, 0),
        ]

    def test_an_empty_thread_has_no_entries(self):
        assert Thread([]).entries([]) == []

    def test_position_is_that_of_the_top_level_ancestor(self):
        assert self.thread.position(3) == 0
        assert self.thread.position(5) == 2

    def test_newest_first_reverses_top_level_only(self):
        thread = Thread(comments((1, None), (2, 1), (3, 1), (4, None)), order="newest")
        entries = thread.entries(thread.top)
        assert [e.comment.pk for e in entries] == [4, 1, 2, 3]


class ReplyParentTests(SimpleTestCase):
    # A chain 1 ← 2 ← 3 ← 4 ← 5: comment n sits at level n.
    parents = {1: None, 2: 1, 3: 2, 4: 3, 5: 4}

    def test_a_reply_within_the_depth_attaches_to_its_parent(self):
        assert reply_parent(4, self.parents, max_depth=5) == 4

    def test_a_reply_to_the_deepest_level_attaches_one_level_up(self):
        assert reply_parent(5, self.parents, max_depth=5) == 4
        assert reply_parent(3, self.parents, max_depth=3) == 2

    def test_depth_one_means_no_threading(self):
        assert reply_parent(1, self.parents, max_depth=1) is None
