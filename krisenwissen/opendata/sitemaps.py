"""The sitemap section every public content type uses: its published, non-demo records."""

from django.contrib.sitemaps import Sitemap


class PublicRecordSitemap(Sitemap):
    """Published records of ``model`` that are not demo content (demo pages are ``noindex``), with
    their German and English addresses as alternates. Subclasses set ``model``, ``changefreq`` and
    ``priority``; ``fields`` are the columns the addresses and ``lastmod`` need."""

    model = None
    fields = ("pk", "slug", "updated_at")
    changefreq = "monthly"
    priority = 0.5
    limit = 5000
    i18n = True
    languages = ["de", "en"]
    alternates = True
    x_default = True

    def items(self):
        return self.model.objects.public().filter(is_demo=False).order_by("pk").only(*self.fields)

    def lastmod(self, record):
        return record.updated_at
