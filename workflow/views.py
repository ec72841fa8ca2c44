from django.http import Http404
from django.utils.decorators import method_decorator

from articles.views import ArticleDetailView
from newsdesk.http import private_page

from .models import PreviewLink


@method_decorator(private_page, name="dispatch")
class SharedPreviewView(ArticleDetailView):
    """The page as it will look, for whoever holds a live signed link: never cached publicly, never indexed."""

    preview = True

    def get_object(self, queryset=None):
        link = PreviewLink.from_token(self.kwargs["token"])
        if link is None:
            raise Http404("预览链接无效、已过期或已撤销。")
        return self.get_queryset().get(pk=link.article_id)

    def articles(self):
        from articles.models import Article

        return Article.objects.all()
