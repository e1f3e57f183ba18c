#!/usr/bin/env python3
"""Queries per second for a point query over Bolt from the official Neo4j
Python driver, with 1, 4 and 16 client threads (a session each), against
`plenary serve` on the bundled graph. Run beside
`cargo bench --bench point_query` (the same query through the library).

    cargo build --release
    python3 benches/bolt_qps.py [--seconds 3] [--bin target/release/plenary]

Prints one JSON line per thread count. The driver is pure Python: threads
of one process share its interpreter lock, so `--processes` runs the same
number of client processes instead, one thread each, to load the server
rather than the client.
"""

import argparse
import json
import multiprocessing
import os
import re
import signal
import subprocess
import threading
import time

from neo4j import GraphDatabase

QUERY = "MATCH (c:Country {code: $code}) RETURN c.name AS name"
CODES = ["SY", "RU", "CN", "US"]


def one_client(addr, seconds, k):
    with GraphDatabase.driver(f"bolt://{addr}", auth=None) as driver:
        with driver.session() as s:
            s.run("RETURN 1").consume()
            n, i = 0, k
            t0 = time.perf_counter()
            while time.perf_counter() - t0 < seconds:
                s.run(QUERY, code=CODES[i % len(CODES)]).single()
                i += 1
                n += 1
            return n, time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--threads", default="1,4,16", help="comma-separated thread counts")
    ap.add_argument("--processes", action="store_true", help="client processes instead of threads")
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "plenary"))
    args = ap.parse_args()
    proc = subprocess.Popen([args.bin, "serve", "--bolt", "127.0.0.1:0"], stdout=subprocess.PIPE, text=True)
    try:
        addr = re.search(r"bolt://([\d.]+:\d+)", proc.stdout.readline()).group(1)
        with GraphDatabase.driver(f"bolt://{addr}", auth=None, max_connection_pool_size=32) as driver:
            driver.verify_connectivity()
            for threads in [int(t) for t in args.threads.split(",")]:
                if args.processes:
                    with multiprocessing.Pool(threads) as pool:
                        res = pool.starmap(one_client, [(addr, args.seconds, k) for k in range(threads)])
                    n = sum(r[0] for r in res)
                    el = max(r[1] for r in res)
                    print(json.dumps({
                        "bench": "point query, Bolt, Python driver, processes",
                        "processes": threads,
                        "qps": round(n / el),
                        "mean_ms": round(el * 1000 * threads / n, 3),
                    }))
                    continue
                stop = threading.Event()
                counts = [0] * threads

                def work(k):
                    with driver.session() as s:
                        i = k
                        while not stop.is_set():
                            s.run(QUERY, code=CODES[i % len(CODES)]).single()
                            i += 1
                            counts[k] += 1

                ts = [threading.Thread(target=work, args=(k,)) for k in range(threads)]
                t0 = time.perf_counter()
                for t in ts:
                    t.start()
                time.sleep(args.seconds)
                stop.set()
                for t in ts:
                    t.join()
                el = time.perf_counter() - t0
                n = sum(counts)
                print(json.dumps({
                    "bench": "point query, Bolt, Python driver",
                    "threads": threads,
                    "qps": round(n / el),
                    "mean_ms": round(el * 1000 * threads / n, 3),
                }))
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(10)


if __name__ == "__main__":
    main()
