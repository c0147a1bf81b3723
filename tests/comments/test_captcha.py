from collections import Counter

from django.test import SimpleTestCase

from comments.captcha import SUMS, sum_challenge


class SumChallengeTests(SimpleTestCase):
    def test_reads_like_the_seed_and_answers_its_own_sum(self):
        for _ in range(200):
            challenge, answer = sum_challenge()
            first, plus, second, equals = challenge.split()
            assert (plus, equals) == ("+", "=")
            assert (int(first), int(second)) in SUMS
            assert answer == str(int(first) + int(second))

    def test_no_answer_is_right_more_than_one_time_in_twenty(self):
        answers = Counter(first + second for first, second in SUMS)
        assert max(answers.values()) / len(SUMS) < 0.05
