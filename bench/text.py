"""Plausible reader text, drawn from the words of the seed article."""

import random

from django.conf import settings

FIRST_NAMES = [
    "Aigerim", "Dmitry", "Mei", "Rustam", "Priya", "Lena", "Omar", "Zhanna",
    "Arjun", "Sofia", "Timur", "Nadia", "Wei", "Kamila", "Pavel", "Farida",
]  # fmt: skip


PUNCTUATION = '.,;:()"\u201c\u201d\u2013'


class Writer:
    """Seeded, so every run writes the same comments."""

    def __init__(self, seed=7):
        self.random = random.Random(seed)
        seeds = settings.NEWSROOM_SEEDS_DIR.glob("*.txt")
        words = " ".join(path.read_text() for path in seeds).lower().split()
        self.words = [word.strip(PUNCTUATION) for word in words]
        self.words = [word for word in self.words if word.isalpha()]

    def comment_length(self):
        """Words in a comment: 20 to 600, most of them short."""
        return min(600, 20 + int(self.random.expovariate(1 / 70)))

    def paragraphs(self, words):
        """`words` words of sentences, in paragraphs of about sixty words."""
        chosen = self.random.choices(self.words, k=words)
        sentences, start = [], 0
        while start < words:
            end = start + self.random.randint(6, 22)
            sentences.append(" ".join(chosen[start:end]).capitalize() + ".")
            start = end
        paragraphs, start = [], 0
        while start < len(sentences):
            end = start + self.random.randint(2, 5)
            paragraphs.append(" ".join(sentences[start:end]))
            start = end
        return "\n\n".join(paragraphs)

    def comment(self):
        return self.paragraphs(self.comment_length())

    def name(self):
        initial = self.random.choice("ABCDEFGHKLMNPRSTZ")
        return f"{self.random.choice(FIRST_NAMES)} {initial}."

    def ip_address(self):
        return f"203.0.113.{self.random.randint(1, 254)}"
