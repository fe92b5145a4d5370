#!/usr/bin/env python3
"""bench-sort.py -- `mailsift sort` against imapfilter on the same 10,000-message INBOX, in the same run.

    scripts/bench-sort.py [--runs 3] [--count 10000] [--seed 1] [--older-days 730] [--out FILE]

Uses the peer lab of ../shared/tools/lab (a private Dovecot on 127.0.0.1:10143, its populate.py and census.py)
and its 21 rules: rules/imapfilter.lua for imapfilter, rules/filter.sieve.in for mailsift (@CUTOFF@ filled in as
the lab's bench_filters.py does). Before every run the INBOX is emptied and filled again with the same messages
(same seed); the two tools alternate (A B A B …) so background load hits both alike. Each run's final folders
are mapped Message-ID -> folder with census.py, and the maps of the two tools diffed. mailsift is the release
build (`swift build -c release --product mailsift`); times are wall times of the whole command, from start to
exit, as a user meets them.
"""
import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAB = os.path.normpath(os.path.join(ROOT, "..", "shared", "tools", "lab"))


def timed(cmd, env=None, log=None):
    start = time.monotonic()
    with open(log, "wb") as out:
        rc = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", log + ".time"] + cmd, env=env,
                            stdout=out, stderr=subprocess.STDOUT).returncode
    wall = time.monotonic() - start
    user, sys_, rss = open(log + ".time").read().strip().splitlines()[-1].split()
    return rc, wall, float(user) + float(sys_), int(rss)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--older-days", type=int, default=730)
    ap.add_argument("--port", type=int, default=int(os.environ.get("LAB_IMAP_PORT", "10143")))
    ap.add_argument("--mailsift", default=os.path.join(ROOT, ".build", "release", "mailsift"))
    ap.add_argument("--out", default=None, help="write the figures as JSON here")
    args = ap.parse_args()
    if not os.access(args.mailsift, os.X_OK):
        sys.exit(f"{args.mailsift}: build it first (swift build -c release --product mailsift)")
    subprocess.run([os.path.join(ROOT, "scripts", "install-packages.sh"), "imapfilter", "time"], check=True)
    subprocess.run([os.path.join(LAB, "dovecot-lab.sh"), "start"], check=True, stdout=subprocess.DEVNULL)

    work = tempfile.mkdtemp(prefix="mailsift-bench-sort.")
    cutoff = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=args.older_days)).strftime("%Y-%m-%d")
    os.makedirs(os.path.join(work, "rules", "alice"))
    with open(os.path.join(LAB, "rules", "filter.sieve.in")) as f:
        sieve = f.read().replace("@CUTOFF@", cutoff)
    with open(os.path.join(work, "rules", "alice", "filter.sieve"), "w") as f:
        f.write(sieve)
    secret = os.path.join(work, "alice.password")
    with open(os.open(secret, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
        f.write("alice-pass\n")
    home = os.path.join(work, "imapfilter-home")
    os.makedirs(home)

    results = {"imapfilter": [], "mailsift": []}
    maps = {}
    for run in range(1, args.runs + 1):
        for tool in ("imapfilter", "mailsift"):
            pop = subprocess.run([sys.executable, os.path.join(LAB, "populate.py"), "--user", "alice", "--count",
                                  str(args.count), "--seed", str(args.seed), "--reset", "--port", str(args.port)],
                                 capture_output=True, text=True)
            if pop.returncode != 0:
                sys.exit(f"populate failed: {pop.stderr}")
            subprocess.run(["sync"])
            time.sleep(1.0)
            log = os.path.join(work, f"{tool}-{run}.log")
            if tool == "imapfilter":
                env = dict(os.environ, HOME=home, LAB_USER="alice", LAB_PASS="alice-pass",
                           LAB_IMAP_PORT=str(args.port), LAB_OLDER_DAYS=str(args.older_days))
                cmd = ["imapfilter", "-c", os.path.join(LAB, "rules", "imapfilter.lua")]
            else:
                state = os.path.join(work, f"state-{run}")
                config = os.path.join(work, f"mailsift-{run}.toml")
                with open(config, "w") as f:
                    f.write(f'state_dir = "{state}"\nuser_rules = "{work}/rules"\nbatch_size = 1000\n\n'
                            f'[[account]]\nname = "alice"\nhost = "127.0.0.1"\nport = {args.port}\n'
                            f'security = "plain"\nusername = "alice"\npassword_file = "{secret}"\n')
                env = None
                cmd = [args.mailsift, "sort", "--config", config, "--account", "alice"]
            rc, wall, cpu, rss = timed(cmd, env=env, log=log)
            mapfile = os.path.join(work, f"census-{tool}-{run}.json")
            cen = subprocess.run([sys.executable, os.path.join(LAB, "census.py"), "--user", "alice", "--port",
                                  str(args.port), "--map", mapfile], capture_output=True, text=True)
            counts = json.loads(cen.stdout.strip().splitlines()[0])
            maps.setdefault(tool, []).append(mapfile)
            results[tool].append({"run": run, "rc": rc, "wall_s": round(wall, 3), "cpu_s": round(cpu, 2),
                                  "max_rss_kb": rss, "left_in_inbox": counts.get("INBOX"),
                                  "load": open("/proc/loadavg").read().split()[:3]})
            print(f"[{tool} run {run}] rc={rc} wall={wall:.2f}s cpu={cpu:.2f}s rss={rss // 1024} MB "
                  f"inbox_left={counts.get('INBOX')} load={results[tool][-1]['load'][0]}", flush=True)
            if rc != 0:
                print(open(log).read()[-2000:])

    diffs = []
    for a, b in zip(maps["imapfilter"], maps["mailsift"]):
        d = subprocess.run([sys.executable, os.path.join(LAB, "census.py"), "--diff", a, b],
                           capture_output=True, text=True)
        diffs.append(d.stdout.strip())
    summary = {"count": args.count, "seed": args.seed, "cutoff": cutoff, "results": results, "diffs": diffs}
    walls = {tool: statistics.median(r["wall_s"] for r in rs) for tool, rs in results.items()}
    print("\ncensus diff (imapfilter vs mailsift), per run:")
    for d in diffs:
        print("  " + d.replace("\n", "\n  "))
    for tool, wall in walls.items():
        print(f"{tool}: median wall {wall:.2f} s over {args.runs} runs ({args.count / wall:.0f} msg/s)")
    print(f"mailsift / imapfilter = {walls['mailsift'] / walls['imapfilter']:.2f}")
    if args.out:
        with open(args.out, "w") as f:
            json.dump(summary, f, indent=2)


if __name__ == "__main__":
    main()
