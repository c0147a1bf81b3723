class UnicodeSlugConverter:
    """A slug that may hold any letters (Django's `slug` takes ASCII only)."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
