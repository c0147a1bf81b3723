from django.conf import settings


def site(request):
    """The site's address, for canonical links and sharing meta."""
    return {"site_url": settings.NEWSROOM_SITE_URL}
