"""The textbook SimPy model of one finite server: Poisson arrivals at a Resource with c workers and
exponential service, each customer a process that requests a worker, holds it for its service time and
releases it. The same queue as mdmsim's bench/scenarios/mmc-1m.json (a management point with 30 workers at
250 ms, 100 new devices a second each polling once). Prints one JSON line: the wall time of the simulation,
the peak memory, and the mean wait and probability of waiting (to check both models against Erlang C).

Needs Debian's SimPy: apt-get install python3-simpy3, then run with /usr/bin/python3.
"""
import argparse
import json
import random
import resource
import time

import simpy


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--arrivals", type=int, default=1_000_000)
    parser.add_argument("--rate", type=float, default=100.0, help="arrivals per second")
    parser.add_argument("--workers", type=int, default=30)
    parser.add_argument("--service", type=float, default=0.25, help="mean service time, seconds")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=args.workers)
    waits = []

    def customer():
        arrived = env.now
        with server.request() as request:
            yield request
            waits.append(env.now - arrived)
            yield env.timeout(rng.expovariate(1.0 / args.service))

    def source():
        for _ in range(args.arrivals):
            yield env.timeout(rng.expovariate(args.rate))
            env.process(customer())

    started = time.perf_counter()
    env.process(source())
    env.run()
    seconds = time.perf_counter() - started
    waited = sum(1 for w in waits if w > 0)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "maxRssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                "served": len(waits),
                "meanWait": sum(waits) / len(waits),
                "probabilityOfWaiting": waited / len(waits),
            }
        )
    )


if __name__ == "__main__":
    main()
