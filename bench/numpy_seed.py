"""The seed notebook's own code for sin(xy) and its gradient on a 1000 x 1000
grid over [0, 4]^2; prints the median time in ms over several runs."""
import json
import time

import numpy as np

f = lambda x, y: np.sin(x * y)
gradf = lambda x, y: (y * np.cos(x * y), x * np.cos(x * y))


def once():
    x = np.linspace(0, 4, 1000)
    y = np.linspace(0, 4, 1000)
    xx, yy = np.meshgrid(x, y)
    zz = f(xx, yy)
    gx, gy = gradf(xx, yy)
    return zz, gx, gy


times = []
for _ in range(15):
    t = time.perf_counter()
    once()
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(json.dumps({"numpy_ms": times[len(times) // 2], "numpy_version": np.__version__}))
