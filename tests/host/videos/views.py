from django.views.generic import DetailView

from comments.hosts import CommentsPageMixin

from .models import Video


class VideoDetailView(CommentsPageMixin, DetailView):
    model = Video
