from django.db import models


class Video(models.Model):
    """The host's own content: nothing in it knows about comments."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"/videos/{self.slug}/"
