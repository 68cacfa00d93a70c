"""numpy peer of the benchmark suite: the lecture's vectorized equations, native.

Forward (lecture eq. 4, one example per row):  H = f(X W^T + 1 b^T).
Backward (lecture 3.5): dZ = dH * f'(Z), dW = dZ^T H_prev, db = 1^T dZ, dH_prev = dZ W.
Softmax cross-entropy on the scores, SGD with momentum (v <- mu v - lr g; w <- w + v).

Speaks JSON lines on stdin/stdout so the Node driver can interleave it with the other
implementations in the same run. Run with OPENBLAS_NUM_THREADS=1 (one thread, as everything else).
"""
import json
import sys
import time

import numpy as np
import threadpoolctl


class Mlp:
    def __init__(self, sizes, seed, lr, momentum):
        rng = np.random.default_rng(seed)
        # He normal, w ~ N(0, 2 / fan_in), biases 0, as the Rust core does for ReLU layers
        self.w = [(rng.standard_normal((o, i)) * np.sqrt(2.0 / i)).astype(np.float32) for i, o in zip(sizes, sizes[1:])]
        self.b = [np.zeros(o, np.float32) for o in sizes[1:]]
        self.vw = [np.zeros_like(w) for w in self.w]
        self.vb = [np.zeros_like(b) for b in self.b]
        self.lr, self.mu = np.float32(lr), np.float32(momentum)

    def forward(self, x):
        hs, zs = [x], []
        for l, (w, b) in enumerate(zip(self.w, self.b)):
            z = hs[-1] @ w.T + b
            zs.append(z)
            hs.append(z if l == len(self.w) - 1 else np.maximum(z, 0))
        return zs, hs

    def step(self, x, labels):
        zs, hs = self.forward(x)
        s = hs[-1]
        p = np.exp(s - s.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        n = x.shape[0]
        loss = -np.log(p[np.arange(n), labels] + 1e-30).mean()
        dz = p
        dz[np.arange(n), labels] -= 1
        dz /= n
        for l in range(len(self.w) - 1, -1, -1):
            dw = dz.T @ hs[l]
            db = dz.sum(axis=0)
            if l > 0:
                dh = dz @ self.w[l]
                dz_prev = dh * (zs[l - 1] > 0)
            self.vw[l] *= self.mu
            self.vw[l] -= self.lr * dw
            self.w[l] += self.vw[l]
            self.vb[l] *= self.mu
            self.vb[l] -= self.lr * db
            self.b[l] += self.vb[l]
            if l > 0:
                dz = dz_prev
        return float(loss)


def main():
    net = x = t = xt = tt = None
    batch = 64
    cursor = 0
    for line in sys.stdin:
        msg = json.loads(line)
        cmd = msg["cmd"]
        out = {}
        if cmd == "info":
            info = threadpoolctl.threadpool_info()
            out = {
                "numpy": np.__version__,
                "python": sys.version.split()[0],
                "blas": [{k: i.get(k) for k in ("internal_api", "version", "architecture", "num_threads")} for i in info],
            }
        elif cmd == "peak":
            # native reference: float32 matrix product, one thread
            n = msg.get("n", 1024)
            rng = np.random.default_rng(0)
            a = rng.standard_normal((n, n), dtype=np.float32)
            b = rng.standard_normal((n, n), dtype=np.float32)
            a @ b
            samples = []
            for _ in range(msg.get("repeats", 5)):
                t0 = time.perf_counter()
                a @ b
                samples.append(2 * n**3 / (time.perf_counter() - t0) / 1e9)
            out = {"gflops": samples}
        elif cmd == "mnist_init":
            d = msg["dir"]
            x = np.fromfile(f"{d}/train-x.f32", np.float32).reshape(-1, 784)
            t = np.fromfile(f"{d}/train-y.u8", np.uint8).astype(np.int64)
            xt = np.fromfile(f"{d}/test-x.f32", np.float32).reshape(-1, 784)
            tt = np.fromfile(f"{d}/test-y.u8", np.uint8).astype(np.int64)
            batch = msg["batch"]
            net = Mlp([784, 256, 128, 10], msg["seed"], msg["lr"], msg["momentum"])
            cursor = 0
        elif cmd == "train":
            t0 = time.perf_counter()
            loss = 0.0
            for _ in range(msg["steps"]):
                rows = slice(cursor * batch, (cursor + 1) * batch)
                loss = net.step(x[rows], t[rows])
                cursor = (cursor + 1) % (len(x) // batch)
            out = {"ms": (time.perf_counter() - t0) * 1e3, "loss": loss}
        elif cmd == "accuracy":
            _, hs = net.forward(xt)
            out = {"accuracy": float((hs[-1].argmax(axis=1) == tt).mean())}
        elif cmd == "quit":
            break
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    with threadpoolctl.threadpool_limits(1):
        main()
