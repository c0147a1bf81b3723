import base64

from altcha import solve_challenge_v1
from captcha.models import CaptchaStore
from django.test import override_settings

from comments.models import Comment
from comments.proof_of_work import proof, solve
from tests.factories import comment_data, make_comment, make_editor

from .base import POST_URL, URL, PostingTestCase

AJAX = {"X-Requested-With": "XMLHttpRequest"}
REFUSED = "Your browser&#x27;s check of this form did not pass."


class ProofTestCase(PostingTestCase):
    def fetch(self):
        return self.client.get("/comments/challenge/", headers=AJAX).json()

    def post_proof(self, challenge, proof, **overrides):
        answer = CaptchaStore.objects.get(hashkey=challenge["key"]).response
        data = comment_data(
            self.client.get(URL),
            captcha_0=challenge["key"],
            captcha_1=answer,
            proof=proof,
            **overrides,
        )
        return self.client.post(POST_URL, data)

    def proof_data(self, challenge, **overrides):
        answer = CaptchaStore.objects.get(hashkey=challenge["key"]).response
        return comment_data(
            self.client.get(URL),
            captcha_0=challenge["key"],
            captcha_1=answer,
            proof=solve(challenge["puzzle"]),
            **overrides,
        )


@override_settings(COMMENTS_POW_MAX_NUMBER=2000, COMMENTS_FLOOD_SECONDS=0)
class ProofOfWorkTests(ProofTestCase):
    def test_the_challenge_carries_a_signed_puzzle_for_its_own_key(self):
        challenge = self.fetch()
        puzzle = challenge["puzzle"]
        assert puzzle["algorithm"] == "SHA-256"
        assert puzzle["maxNumber"] == 2000
        assert f"key={challenge['key']}" in puzzle["salt"]
        assert "expires=" in puzzle["salt"]

    def test_a_solved_puzzle_posts(self):
        challenge = self.fetch()
        response = self.post_proof(challenge, solve(challenge["puzzle"]))
        assert response.status_code == 302
        assert Comment.objects.count() == 1

    def test_a_forged_solution_is_refused(self):
        challenge = self.fetch()
        puzzle = challenge["puzzle"]
        good = solve_challenge_v1(
            puzzle["challenge"], puzzle["salt"], "SHA-256", puzzle["maxNumber"]
        ).number
        response = self.post_proof(challenge, proof(puzzle, good + 1))
        self.assertContains(response, REFUSED, status_code=400)
        assert not Comment.objects.exists()

    def test_a_solution_for_another_challenge_is_refused(self):
        first, second = self.fetch(), self.fetch()
        response = self.post_proof(second, solve(first["puzzle"]))
        self.assertContains(response, REFUSED, status_code=400)

    def test_a_solution_is_spent_with_its_sum(self):
        challenge = self.fetch()
        proof = solve(challenge["puzzle"])
        assert self.post_proof(challenge, proof).status_code == 302
        data = comment_data(
            self.client.get(URL),
            captcha_0=challenge["key"],
            captcha_1="2",
            proof=proof,
            author_email="again@example.com",
            body="Again, with the same proof.",
        )
        response = self.client.post(POST_URL, data)
        self.assertContains(response, "already used", status_code=400)
        assert Comment.objects.count() == 1

    def test_garbage_proofs_are_refused_cleanly(self):
        for garbage in ("x", "e30=", "W10=", base64.b64encode(b'{"number": "1"}')):
            challenge = self.fetch()
            response = self.post_proof(challenge, garbage)
            assert response.status_code == 400, garbage

    @override_settings(COMMENTS_PLAIN_POST_LIMIT=1)
    def test_without_the_proof_the_tighter_budget_applies(self):
        assert self.post().status_code == 302
        plain = self.post(author_email="b@example.com", body="Plain again.")
        assert plain.status_code == 429
        challenge = self.fetch()
        with_proof = self.post_proof(
            challenge,
            solve(challenge["puzzle"]),
            author_email="c@example.com",
            body="With the proof.",
        )
        assert with_proof.status_code == 302

    def test_a_form_drawn_by_the_server_carries_its_puzzle(self):
        response = self.post(captcha_1="99")
        self.assertContains(response, "data-puzzle=", status_code=400)

    @override_settings(COMMENTS_POST_LIMIT=1)
    def test_posts_with_the_proof_have_a_budget_too(self):
        for number, status in enumerate([302, 429]):
            challenge = self.fetch()
            response = self.post_proof(
                challenge,
                solve(challenge["puzzle"]),
                author_email=f"p{number}@example.com",
                body=f"Proof post {number}.",
            )
            assert response.status_code == status


@override_settings(COMMENTS_POW_MAX_NUMBER=2000, COMMENTS_FLOOD_SECONDS=15)
class PostQueryBudgetTests(ProofTestCase):
    """The whole defence stack costs at most 10 SQL queries per accepted comment:
    article, budget, spending the sum, the sender's record, the word lists,
    the comment, its reasons, the editors to tell and the reasons they read;
    plus one to queue the editors' email in the same transaction (durable
    email, issue 10): 10 for a comment, 11 for a reply."""

    def test_an_accepted_comment_costs_at_most_ten_queries(self):
        make_editor()
        challenge = self.fetch()
        data = self.proof_data(challenge)
        # In a test the transaction is a savepoint: two statements more.
        with self.assertNumQueries(9 + 1 + 2):
            response = self.client.post(POST_URL, data)
        assert response.status_code == 302

    def test_a_reply_costs_at_most_eleven_queries(self):
        make_editor()
        parent = make_comment(self.article)
        challenge = self.fetch()
        data = self.proof_data(challenge, parent=parent.pk)
        with self.assertNumQueries(10 + 1 + 2):
            response = self.client.post(POST_URL, data)
        assert response.status_code == 302
        assert Comment.objects.get(parent=parent).body == data["body"]
