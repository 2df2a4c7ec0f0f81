import cProfile
import pstats
import time

import pytest

from gongkai.demo.generate import load_demo


@pytest.mark.django_db
def test_scratch():
    t = time.monotonic()
    pr = cProfile.Profile()
    pr.enable()
    load_demo(lambda m: print(m, time.monotonic() - t), documents=30)
    pr.disable()
    pstats.Stats(pr).sort_stats("cumulative").print_stats(40)
