"""Settings for benchmarks: the real settings plus the baseline views' URLs."""

import os

from gongkai.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
AXES_ENABLED = False  # the load tool logs in once; throttling is not what we measure
# The portal benchmark compares Wagtail's own serving with the lean read path (both default on).
GONGKAI_PORTAL_LEAN = os.environ.get("GONGKAI_PORTAL_LEAN", "1") != "0"
GONGKAI_PORTAL_PREPARED = os.environ.get("GONGKAI_PORTAL_PREPARED", "1") != "0"
