import logging

from django.apps import AppConfig
from django.conf import settings
from django.core.signals import request_started
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class SearchConfig(AppConfig):
    name = "krisenwissen.search"
    label = "search"
    verbose_name = _("Suche")

    def ready(self):
        from . import signals
        from .builtin import register_builtin

        register_builtin()
        # Apps that bring their own adapter do so in a ``search_index`` module.
        autodiscover_modules("search_index")
        signals.connect()
        limit_blas_threads(getattr(settings, "SEARCH_BLAS_THREADS", 1))
        # The first request of a worker loads (or starts building) the search index in the
        # background, so the first search does not pay for it.
        request_started.connect(_warm_up, dispatch_uid="search-warm-up")


def _warm_up(sender, **kwargs):
    from .engine import warm_up

    try:
        warm_up()
    except Exception:  # never let the search index stand in the way of a request
        logger.exception("Starting the search index warm-up failed.")


def limit_blas_threads(threads: int) -> None:
    """Run numpy's BLAS single-threaded in web processes.

    Each worker serves one request at a time; BLAS threads only compete with the other workers and
    spin while they wait. Measured on the 10k-document bench: CPU time per query p95 181 ms with the
    default threads, 25 ms with one.
    """
    if not threads:
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # optional: without it the environment (OPENBLAS_NUM_THREADS) decides
        return
    threadpool_limits(limits=threads, user_api="blas")
