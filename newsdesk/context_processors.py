from django.conf import settings


def site(request):
    return {"site_name": settings.NEWSDESK["SITE_NAME"], "site_description": settings.NEWSDESK["SITE_DESCRIPTION"]}
