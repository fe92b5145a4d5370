#!/usr/bin/env python3
"""bench-spam.py — the spam evaluation of issue 13 in one command: mailsift's learner and rule packs, and the two
peers (bogofilter, and SpamAssassin with --spamassassin), on the labelled SpamAssassin corpus.

Everything is trained on the `train` split only and measured on `test` (or, with --cross-validate K, measured on
the train split alone by K folds, which is how settings are chosen without looking at the test split).

    scripts/bench-spam.py [--cross-validate 5] [--spamassassin] [--rules rules/spam --rules rules/phishing]

Needs a release build of mailsift-bench (scripts/bench.sh builds it) and Debian's bogofilter (and spamassassin,
spamd, spamc for --spamassassin): scripts/install-packages.sh installs them.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time


def load_split(corpus):
    rows = []
    with open(os.path.join(corpus, "split.tsv")) as table:
        next(table)
        for line in table:
            path, label, _subset, split, key = line.rstrip("\n").split("\t")
            rows.append((os.path.join(corpus, path), label == "spam", split, key))
    return rows


def figures(label, results, cutoff):
    caught = sum(1 for spam, p in results if spam and p >= cutoff)
    missed = sum(1 for spam, p in results if spam and p < cutoff)
    false = sum(1 for spam, p in results if not spam and p >= cutoff)
    ham = sum(1 for spam, _ in results if not spam)
    precision = caught / max(caught + false, 1)
    recall = caught / max(caught + missed, 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0
    return (f"{label:<34} precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  "
            f"ham called spam {false} of {ham} ({100 * false / max(ham, 1):.2f} %)  spam missed {missed}")


def chunks(items, size=500):
    for start in range(0, len(items), size):
        yield items[start:start + size]


class Bogofilter:
    name = "bogofilter"

    def __init__(self):
        if not shutil.which("bogofilter"):
            sys.exit("bogofilter is missing: scripts/install-packages.sh bogofilter")

    def train_and_score(self, train, test):
        """Returns [(is_spam, probability)] for test, and the scoring wall time (one process, bulk mode)."""
        with tempfile.TemporaryDirectory(prefix="bogofilter-") as home:
            for flag, wanted in (("-s", True), ("-n", False)):
                paths = [path for path, spam, *_ in train if spam == wanted]
                for part in chunks(paths):
                    subprocess.run(["bogofilter", "-d", home, flag, "-B", *part], check=True)
            label = {path: spam for path, spam, *_ in test}
            results = []
            start = time.monotonic()
            for part in chunks([path for path, *_ in test], 5000):
                out = subprocess.run(["bogofilter", "-d", home, "-T", "-B", *part], check=False,
                                     capture_output=True, text=True).stdout
                for line in out.splitlines():
                    path, _verdict, score = line.rsplit(" ", 2)
                    results.append((label[path], float(score)))
            return results, time.monotonic() - start


class SpamAssassin:
    name = "SpamAssassin + Bayes"

    def __init__(self):
        for tool in ("sa-learn", "spamd", "spamc"):
            if not shutil.which(tool):
                sys.exit(f"{tool} is missing: scripts/install-packages.sh spamassassin spamd spamc")

    def train_and_score(self, train, test):
        with tempfile.TemporaryDirectory(prefix="spamassassin-") as home:
            os.chmod(home, 0o755)
            # A site configuration of our own: Debian's plugins (the .pre files), local tests only, Bayes on with
            # its database here, no learning from what it scores.
            site = os.path.join(home, "site")
            os.makedirs(site)
            for name in os.listdir("/etc/spamassassin"):
                if name.endswith(".pre") or name == "65_debian.cf":
                    shutil.copy(os.path.join("/etc/spamassassin", name), site)
            bayes = os.path.join(home, "bayes")
            os.makedirs(bayes)
            with open(os.path.join(site, "local.cf"), "w") as f:
                f.write(f"use_bayes 1\nbayes_auto_learn 0\nbayes_path {bayes}/bayes\nbayes_file_mode 0666\n"
                        "skip_rbl_checks 1\nuse_razor2 0\nuse_pyzor 0\ndns_available no\n")
            os.chmod(bayes, 0o777)
            for flag, wanted in (("--spam", True), ("--ham", False)):
                paths = [path for path, spam, *_ in train if spam == wanted]
                for part in chunks(paths):
                    subprocess.run(["sa-learn", "-L", "--siteconfigpath", site, flag, *part], check=True,
                                   stdout=subprocess.DEVNULL)
            port = 17830
            user = "nobody" if os.geteuid() == 0 else os.environ.get("USER", "nobody")
            daemon = subprocess.Popen(["spamd", "-L", "-i", "127.0.0.1", "-p", str(port), "-A", "127.0.0.1",
                                       "-m", "2", "--siteconfigpath", site, "-x", "-u", user,
                                       "--helper-home-dir", home, "-s", "stderr"],
                                      stderr=subprocess.DEVNULL)
            try:
                for _ in range(60):
                    time.sleep(1)
                    probe = subprocess.run(["spamc", "-d", "127.0.0.1", "-p", str(port), "-K"],
                                           capture_output=True, text=True)
                    if probe.returncode == 0:
                        break
                results = []
                start = time.monotonic()
                for path, spam, *_ in test:
                    with open(path, "rb") as message:
                        out = subprocess.run(["spamc", "-d", "127.0.0.1", "-p", str(port), "-c"], stdin=message,
                                             capture_output=True, text=True).stdout.strip()
                    score = float(out.split("/")[0]) if "/" in out else 0.0
                    results.append((spam, score))
                return results, time.monotonic() - start
            finally:
                daemon.terminate()
                daemon.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=os.environ.get("MAILSIFT_CORPUS", "../shared/corpus") + "/spamassassin")
    parser.add_argument("--bench", default=".build/release/mailsift-bench")
    parser.add_argument("--cross-validate", type=int, default=0)
    parser.add_argument("--cutoffs", default="0.5,0.6,0.9,0.99")
    parser.add_argument("--rules", action="append", default=[])
    parser.add_argument("--spamassassin", action="store_true")
    parser.add_argument("--no-mailsift", action="store_true")
    parser.add_argument("--sample", type=int, default=0,
                        help="peers only: every Nth message of each split, for a quick check of the tools (not a figure)")
    args = parser.parse_args()
    cutoffs = [float(c) for c in args.cutoffs.split(",")]

    if not args.no_mailsift:
        command = [args.bench, "spam", "--corpus", args.corpus, "--cutoffs", args.cutoffs]
        command += ["--cross-validate", str(args.cross_validate)] if args.cross_validate > 1 else []
        for folder in args.rules:
            command += ["--rules", folder]
        print("== mailsift:", " ".join(command), flush=True)
        subprocess.run(command, check=True)

    rows = load_split(args.corpus)
    if args.sample > 1:
        rows = rows[::args.sample]
    peers = [Bogofilter()] + ([SpamAssassin()] if args.spamassassin else [])
    for peer in peers:
        if args.cross_validate > 1:
            if peer.name != "bogofilter":
                continue
            train = sorted((r for r in rows if r[2] == "train"), key=lambda r: r[3])
            results, seconds, count = [], 0.0, 0
            for fold in range(args.cross_validate):
                fold_train = [r for i, r in enumerate(train) if i % args.cross_validate != fold]
                fold_test = [r for i, r in enumerate(train) if i % args.cross_validate == fold]
                part, took = peer.train_and_score(fold_train, fold_test)
                results += part
                seconds += took
                count += len(fold_test)
            print(f"== {peer.name}: cross-validation on the train split, {args.cross_validate} folds")
        else:
            train = [r for r in rows if r[2] == "train"]
            test = [r for r in rows if r[2] == "test"]
            results, seconds = peer.train_and_score(train, test)
            count = len(test)
            print(f"== {peer.name}: trained on {len(train)} train messages, scoring {len(test)} test messages")
        print(f"speed: {count / seconds:.0f} messages/s (whole process, wall clock)")
        if peer.name == "bogofilter":
            for cutoff in cutoffs:
                print(figures(f"{peer.name}, cutoff {cutoff}", results, cutoff))
        else:
            print(figures(f"{peer.name}, score ≥ 5", results, 5.0))


if __name__ == "__main__":
    main()
