#!/usr/bin/env python3
"""Runs the shipped rule packs (rules/spam, rules/phishing) over the TRAIN split of the SpamAssassin corpus
and prints, per rule, how often it fires on ham and on spam, and how much ham the rules alone call spam
(total >= the required score, 5). Test-split messages are never opened: rules are written and tuned on
train only (issue 13).

    scripts/rules-train-check.py [--mailsift .build/debug/mailsift] [--corpus DIR] [--local-domain D]...

The corpus folder defaults to $MAILSIFT_CORPUS/spamassassin, else ../shared/corpus/spamassassin beside the
repository. The local domain defaults to ac-exemple.fr (none of the corpus's domains)."""
import argparse
import os
import re
import subprocess
import sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKS = ["rules/spam", "rules/phishing"]
SCORE_LINE = re.compile(r"^spam score (\S+) \((.*)\)$")
BATCH = 200


def train_messages(corpus):
    with open(os.path.join(corpus, "split.tsv"), encoding="utf-8") as table:
        next(table)
        for line in table:
            path, label, _subset, split, _key = line.rstrip("\n").split("\t")
            if split == "train":
                yield os.path.join(corpus, path), label


def run_pack(mailsift, pack, paths, local_domains):
    """Message path -> [(rule, points)] for one pack."""
    hits = {}
    for start in range(0, len(paths), BATCH):
        batch = paths[start:start + BATCH]
        command = [mailsift, "test"] + [f"--local-domain={d}" for d in local_domains] + [os.path.join(ROOT, pack)]
        result = subprocess.run(command + batch, capture_output=True, text=True, errors="replace")
        current = batch[0] if len(batch) == 1 else None
        for line in result.stdout.splitlines():
            if line.startswith("== "):
                current = line[3:]
                hits.setdefault(current, [])
                continue
            match = SCORE_LINE.match(line)
            if match and current is not None:
                for item in match.group(2).split(", "):
                    name, points = item.rsplit(" ", 1)
                    hits.setdefault(current, []).append((name, float(points)))
            elif line.startswith("error:") or line.startswith("runtime error"):
                print(f"{current}: {line}", file=sys.stderr)
        if result.returncode not in (0, 1):
            sys.exit(f"mailsift test failed ({result.returncode}): {result.stderr[:500]}")
    return hits


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mailsift", default=os.path.join(ROOT, ".build/debug/mailsift"))
    default_corpus = os.path.join(os.environ.get("MAILSIFT_CORPUS", os.path.join(ROOT, "..", "shared", "corpus")), "spamassassin")
    parser.add_argument("--corpus", default=default_corpus)
    parser.add_argument("--local-domain", action="append", dest="local_domains")
    parser.add_argument("--required-score", type=float, default=5.0)
    parser.add_argument("--show-ham", action="append", default=[], metavar="RULE",
                        help="also list the train ham messages this rule fires on (repeatable)")
    args = parser.parse_args()
    local_domains = args.local_domains or ["ac-exemple.fr"]

    messages = list(train_messages(args.corpus))
    labels = dict(messages)
    paths = [path for path, _ in messages]
    totals = {path: 0.0 for path in paths}
    fired = {"ham": Counter(), "spam": Counter()}
    shown = []
    for pack in PACKS:
        for path, hits in run_pack(args.mailsift, pack, paths, local_domains).items():
            if path not in labels:
                continue
            totals[path] += sum(points for _, points in hits)
            for name in {name for name, _ in hits}:
                fired[labels[path]][name] += 1
                if name in args.show_ham and labels[path] == "ham":
                    shown.append((name, path))

    count = Counter(labels.values())
    print(f"train split: {count['ham']} ham, {count['spam']} spam; local domains {', '.join(local_domains)}")
    print(f"{'rule':28} {'ham':>6} {'ham %':>7} {'spam':>6} {'spam %':>7}")
    for name in sorted(set(fired["ham"]) | set(fired["spam"])):
        ham, spam = fired["ham"][name], fired["spam"][name]
        print(f"{name:28} {ham:6d} {100 * ham / count['ham']:6.2f}% {spam:6d} {100 * spam / count['spam']:6.2f}%")
    ham_over = sum(1 for p in paths if labels[p] == "ham" and totals[p] >= args.required_score)
    spam_over = sum(1 for p in paths if labels[p] == "spam" and totals[p] >= args.required_score)
    print(f"ham at or over {args.required_score:g}: {ham_over} of {count['ham']} "
          f"({100 * ham_over / count['ham']:.2f}%, target at most 0.5%)")
    print(f"spam at or over {args.required_score:g}: {spam_over} of {count['spam']} ({100 * spam_over / count['spam']:.2f}%)")
    for path in paths:
        if labels[path] == "ham" and totals[path] >= args.required_score:
            print(f"  ham over: {os.path.relpath(path, args.corpus)} {totals[path]:g}")
    for name, path in sorted(shown):
        print(f"  {name} on ham: {os.path.relpath(path, args.corpus)}")


if __name__ == "__main__":
    main()
