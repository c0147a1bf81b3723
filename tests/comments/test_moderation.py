from django.test import SimpleTestCase

from comments.moderation import (
    APPROVED,
    PENDING,
    REFUSED,
    SPAM,
    Facts,
    Reason,
    Rules,
    Submission,
    judge,
)

READER = Submission(
    author_name="Aigerim",
    author_email="aigerim@example.com",
    body="A fair point about sanctions.",
    author_url="https://aigerim.example",
    ip_address="198.51.100.4",
    user_agent="Firefox",
)


NO_FACTS = Facts()


def verdict(submission=READER, facts=NO_FACTS, **rules):
    return judge(submission, facts, Rules(**rules))


def with_body(body):
    return Submission(**{**READER.__dict__, "body": body})


class ManualApprovalTests(SimpleTestCase):
    def test_every_comment_is_held_by_default(self):
        result = verdict()
        assert result.status == PENDING
        assert [str(r) for r in result.reasons] == [
            "held for manual approval (every comment is held)"
        ]

    def test_without_manual_approval_a_clean_comment_is_approved(self):
        assert verdict(manual_approval=False).status == APPROVED

    def test_known_authors_can_be_approved_at_once(self):
        facts = Facts(author_has_approved_comment=True)
        result = verdict(facts=facts, approve_known_authors=True)
        assert result.status == APPROVED
        assert str(result.reasons[0]) == (
            "approved: the author has an earlier approved comment"
        )

    def test_known_authors_are_held_unless_the_setting_is_on(self):
        facts = Facts(author_has_approved_comment=True)
        assert verdict(facts=facts).status == PENDING

    def test_a_known_author_with_links_is_still_held(self):
        facts = Facts(author_has_approved_comment=True)
        submission = with_body("see https://a.example and https://b.example")
        result = verdict(submission, facts, approve_known_authors=True)
        assert result.status == PENDING
        assert [str(r) for r in result.reasons] == ["contains 2 links"]


class LinkTests(SimpleTestCase):
    def test_two_links_hold_the_comment_by_default(self):
        result = verdict(
            with_body("http://a.example www.b.example https://c.example"),
            manual_approval=False,
        )
        assert result.status == PENDING
        assert [str(r) for r in result.reasons] == ["contains 3 links"]

    def test_one_link_passes(self):
        assert verdict(with_body("http://a.example"), manual_approval=False).status == (
            APPROVED
        )

    def test_the_limit_is_configurable(self):
        body = with_body("http://a.example http://b.example")
        assert verdict(body, link_limit=3, manual_approval=False).status == APPROVED
        assert verdict(body, link_limit=0, manual_approval=False).status == APPROVED


class WordListTests(SimpleTestCase):
    def test_a_moderation_word_holds_and_names_field_and_match(self):
        result = verdict(
            with_body("Try our CASINO tonight"),
            manual_approval=False,
            moderation_terms=("casino",),
        )
        assert result.status == PENDING
        assert [str(r) for r in result.reasons] == [
            "the comment contains the moderation word “casino”"
        ]

    def test_terms_match_names_emails_urls_ips_and_agents(self):
        for term, field in [
            ("Aigerim", "name"),
            ("aigerim@example.com", "email"),
            ("aigerim.example", "website"),
            ("198.51.100.4", "IP address"),
            ("firefox", "user agent"),
        ]:
            result = verdict(moderation_terms=(term,), manual_approval=False)
            assert f"the {field} contains" in str(result.reasons[0]), term

    def test_a_plain_word_matches_whole_words_only(self):
        submission = with_body("A classic assessment.")
        assert verdict(submission, moderation_terms=("ass",)).reasons == (
            Reason("manual_approval"),
        )

    def test_a_disallowed_word_sends_the_comment_to_spam(self):
        result = verdict(with_body("cheap viagra"), disallowed_terms=("viagra",))
        assert result.status == SPAM
        assert str(result.reasons[0]) == (
            "the comment contains the disallowed word “viagra”"
        )

    def test_disallowed_words_win_over_moderation_words(self):
        result = verdict(
            with_body("viagra casino"),
            moderation_terms=("casino",),
            disallowed_terms=("viagra",),
        )
        assert result.status == SPAM

    def test_blank_terms_match_nothing(self):
        result = verdict(moderation_terms=("", "  "), manual_approval=False)
        assert result.status == APPROVED


class HoneypotTests(SimpleTestCase):
    def test_a_filled_honeypot_is_spam(self):
        submission = Submission(**{**READER.__dict__, "honeypot": "http://bot"})
        result = verdict(submission, manual_approval=False)
        assert result.status == SPAM
        assert str(result.reasons[0]) == "filled in the hidden field only bots see"


class BlockedAuthorTests(SimpleTestCase):
    def test_a_blocked_author_s_comment_is_spam_with_the_block_as_reason(self):
        result = verdict(facts=Facts(blocked_by="email bot@spam.example"))
        assert result.status == SPAM
        assert str(result.reasons[0]) == (
            "the author is blocked: email bot@spam.example"
        )

    def test_the_block_wins_over_an_approving_rule(self):
        facts = Facts(blocked_by="IP address 203.0.113.7")
        result = verdict(facts=facts, manual_approval=False)
        assert result.status == SPAM


class RefusalTests(SimpleTestCase):
    def test_posting_again_too_soon_is_refused_with_429(self):
        result = verdict(facts=Facts(recent_post_by_same_sender=True))
        assert (result.status, result.http_status) == (REFUSED, 429)
        assert str(result.reasons[0]) == (
            "You are posting comments too quickly. Slow down."
        )

    def test_a_duplicate_is_refused_with_409(self):
        result = verdict(facts=Facts(duplicate=True))
        assert (result.status, result.http_status) == (REFUSED, 409)
        assert str(result.reasons[0]) == (
            "Duplicate comment detected; it looks as though you've already said that!"
        )
