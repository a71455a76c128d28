"""Settings for benchmarks: the real settings plus the baseline views' URLs."""

from gongkai.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
AXES_ENABLED = False  # the load tool logs in once; throttling is not what we measure
