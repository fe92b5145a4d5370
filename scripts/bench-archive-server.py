#!/usr/bin/env python3
"""bench-archive-server.py -- `mailsift archive run` and `archive restore` on a 10,000-message INBOX of a private
Dovecot, against what an administrator would script (mbsync to a Maildir, then tar | gzip -9), in the same run.

    scripts/bench-archive-server.py [--count 10000] [--mailsift .build/release/mailsift] [--out FILE]

The messages are the SpamAssassin corpus (../shared/corpus/spamassassin, read in place), in name order, repeated
with an `X-Bench-Copy: N` header line first until --count is reached; put into the INBOX of d150 on a private
Dovecot (scripts/test-imap-server.sh, 127.0.0.1), read, with internal dates three years old, so that an age
policy of 30 days archives every one. Then, each timed as a user meets it (wall time of the whole command, and its
CPU time):

1. `gzip -9` of the same messages as one mbox file: the size an archive is measured against;
2. `mbsync` (Debian isync) copying the INBOX to a Maildir, then `tar -c | gzip -9` of it;
3. `mailsift archive run` (fetch, store, read back, expunge), then the store's size on disk;
4. `mailsift archive settle`, and the size again;
5. `mailsift archive restore --to-folder Restored`, then the number of messages in Restored.

mailsift is the release build (`swift build -c release --product mailsift`).
"""
import argparse
import imaplib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus", "spamassassin"))
USER = "d150"


def timed(cmd, log, env=None, shell=False):
    """Runs cmd; returns (exit status, wall seconds, CPU seconds of it and its children)."""
    start = time.monotonic()
    before = os.times()
    with open(log, "ab") as out:
        rc = subprocess.run(cmd, env=env, shell=shell, stdout=out, stderr=subprocess.STDOUT).returncode
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return rc, time.monotonic() - start, cpu


def corpus_messages(count):
    names = []
    for folder in sorted(os.listdir(CORPUS)):
        path = os.path.join(CORPUS, folder)
        if os.path.isdir(path):
            names += [os.path.join(path, name) for name in sorted(os.listdir(path))]
    messages = []
    copy = 0
    while len(messages) < count:
        copy += 1
        for name in names:
            if len(messages) == count:
                break
            data = open(name, "rb").read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
            messages.append(data if copy == 1 else b"X-Bench-Copy: %d\r\n" % copy + data)
    return messages


def mboxrd(messages, path):
    with open(path, "wb") as out:
        for data in messages:
            out.write(b"From bench@example.org Thu Jan  1 00:00:00 2023\n")
            for line in data.replace(b"\r\n", b"\n").split(b"\n"):
                stripped = line.lstrip(b">")
                out.write((b">" + line if stripped.startswith(b"From ") else line) + b"\n")
            out.write(b"\n")


def du(path):
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--mailsift", default=os.path.join(ROOT, ".build", "release", "mailsift"))
    ap.add_argument("--out", default=None, help="write the figures as JSON here")
    args = ap.parse_args()
    if not os.access(args.mailsift, os.X_OK):
        sys.exit(f"{args.mailsift}: build it first (swift build -c release --product mailsift)")
    subprocess.run([os.path.join(ROOT, "scripts", "install-packages.sh"), "isync", "gzip", "tar"], check=True)

    work = tempfile.mkdtemp(prefix="mailsift-bench-archive.")
    server = os.path.join(work, "server")
    os.mkdir(server)
    os.chmod(work, 0o755)
    os.chmod(server, 0o755)
    log = os.path.join(work, "log")
    port = subprocess.run(
        ["bash", "-c", ". scripts/server-lib.sh; free_port 24143"], cwd=ROOT, capture_output=True, text=True,
        check=True).stdout.strip()
    env = dict(os.environ, MAILSIFT_TEST_IMAP_PORT=port,
               MAILSIFT_TEST_IMAPS_PORT=subprocess.run(
                   ["bash", "-c", ". scripts/server-lib.sh; free_port 24993"], cwd=ROOT, capture_output=True,
                   text=True, check=True).stdout.strip())
    subprocess.run([os.path.join(ROOT, "scripts", "test-imap-server.sh"), "start", server], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    figures = {"count": args.count, "machine": os.uname().nodename}
    try:
        messages = corpus_messages(args.count)
        raw = sum(len(m) for m in messages)
        figures["raw_bytes"] = raw
        print(f"{len(messages)} messages, {raw / 1e6:.1f} MB; put into {USER}'s INBOX", flush=True)
        # Written into the server's Maildir (its mail_location) as files read (:2,S) whose modification times are
        # the internal dates Dovecot gives them: an APPEND per message took minutes here, and loading is not
        # what is measured. Dovecot indexes them at the first SELECT.
        home = os.path.join(server, "mail", USER)
        owner = os.stat(home)
        inbox = os.path.join(home, "cur")
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(home, sub), exist_ok=True)
            os.chown(os.path.join(home, sub), owner.st_uid, owner.st_gid)
        old = time.time() - 3 * 365 * 86400
        for index, data in enumerate(messages):
            path = os.path.join(inbox, f"{int(old) + index}.M{index}P1.bench,S={len(data)}:2,S")
            with open(path, "wb") as out:
                out.write(data)
            os.chown(path, owner.st_uid, owner.st_gid)
            os.utime(path, (old + index, old + index))
        imap = imaplib.IMAP4("127.0.0.1", int(port))
        imap.login(USER, USER + "-pass")
        exists = int(imap.select("INBOX")[1][0])
        imap.logout()
        if exists != len(messages):
            sys.exit(f"the server sees {exists} messages in INBOX, not {len(messages)}")

        # 1. gzip -9 of one mbox.
        mbox = os.path.join(work, "inbox.mbox")
        mboxrd(messages, mbox)
        rc, wall, cpu = timed(f"gzip -9 -c {mbox} > {mbox}.gz", log, shell=True)
        figures["gzip9"] = {"wall": wall, "cpu": cpu, "bytes": os.path.getsize(mbox + ".gz"),
                            "mbox_bytes": os.path.getsize(mbox)}

        # 2. mbsync to a Maildir, then tar | gzip -9.
        maildir = os.path.join(work, "maildir")
        os.mkdir(maildir)
        config = os.path.join(work, "mbsyncrc")
        with open(config, "w") as out:
            out.write(f"""IMAPAccount bench
Host 127.0.0.1
Port {port}
User {USER}
Pass {USER}-pass
SSLType None
AuthMechs LOGIN

IMAPStore remote
Account bench

MaildirStore local
Path {maildir}/
Inbox {maildir}/INBOX

Channel bench
Far :remote:
Near :local:
Patterns INBOX
Create Near
Sync Pull
SyncState *
""")
        rc, sync_wall, sync_cpu = timed(["mbsync", "-q", "-c", config, "bench"], log)
        if rc != 0:
            sys.exit(f"mbsync failed (see {log})")
        rc, tar_wall, tar_cpu = timed(f"tar -C {work} -c maildir | gzip -9 > {work}/maildir.tar.gz", log, shell=True)
        synced = len(os.listdir(os.path.join(maildir, "INBOX", "cur"))) + len(
            os.listdir(os.path.join(maildir, "INBOX", "new")))
        figures["mbsync_tar_gzip9"] = {"sync_wall": sync_wall, "sync_cpu": sync_cpu, "tar_wall": tar_wall,
                                       "tar_cpu": tar_cpu, "wall": sync_wall + tar_wall, "messages": synced,
                                       "bytes": os.path.getsize(f"{work}/maildir.tar.gz")}

        # 3. mailsift archive run.
        state = os.path.join(work, "state")
        password = os.path.join(work, "password")
        with open(password, "w") as out:
            out.write(USER + "-pass\n")
        os.chmod(password, 0o600)
        toml = os.path.join(work, "mailsift.toml")
        with open(toml, "w") as out:
            out.write(f"""state_dir = "{state}"
user_rules = "{work}/rules"

[archive]
older_than_days = 30
keep_unread = false
folders = ["INBOX"]

[[account]]
name = "{USER}"
host = "127.0.0.1"
port = {port}
security = "plain"
username = "{USER}"
password_file = "{password}"
""")
        os.makedirs(os.path.join(work, "rules"), exist_ok=True)
        rc, wall, cpu = timed([args.mailsift, "archive", "run", "--config", toml, "--json"], log)
        if rc != 0:
            sys.exit(f"archive run failed (see {log})")
        store = os.path.join(state, "archive", USER)
        imap = imaplib.IMAP4("127.0.0.1", int(port))
        imap.login(USER, USER + "-pass")
        left = int(imap.select("INBOX")[1][0])
        figures["archive_run"] = {"wall": wall, "cpu": cpu, "messages_per_s": args.count / wall,
                                  "left_on_server": left, "bytes_on_write": du(store),
                                  "segment_bytes_on_write": du(os.path.join(store, "segments"))}
        rc, wall, cpu = timed([args.mailsift, "archive", "settle", "--archive", store], log)
        figures["settle"] = {"wall": wall, "cpu": cpu, "bytes": du(store),
                             "segment_bytes": du(os.path.join(store, "segments"))}

        # 5. restore.
        rc, wall, cpu = timed([args.mailsift, "archive", "restore", "--config", toml, "--account", USER,
                               "--to-folder", "Restored"], log)
        restored = int(imap.select("Restored")[1][0]) if rc == 0 else 0
        figures["restore"] = {"status": rc, "wall": wall, "cpu": cpu, "restored": restored,
                              "messages_per_s": restored / wall if wall else 0}
        imap.logout()
    finally:
        subprocess.run([os.path.join(ROOT, "scripts", "test-imap-server.sh"), "stop", server], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    g = figures["gzip9"]
    m = figures["mbsync_tar_gzip9"]
    a = figures["archive_run"]
    s = figures["settle"]
    r = figures["restore"]
    print(f"gzip -9 of the mbox ({g['mbox_bytes'] / 1e6:.1f} MB): {g['bytes'] / 1e6:.2f} MB in {g['wall']:.1f} s")
    print(f"mbsync + tar | gzip -9: {m['messages']} messages, {m['wall']:.1f} s wall "
          f"(mbsync {m['sync_wall']:.1f} s, tar|gzip {m['tar_wall']:.1f} s), {m['bytes'] / 1e6:.2f} MB "
          f"= {m['bytes'] / g['bytes']:.3f} x gzip -9 (nothing removed from the server)")
    print(f"mailsift archive run: {a['wall']:.1f} s wall, {a['cpu']:.1f} s CPU, {a['messages_per_s']:.0f} messages/s, "
          f"{a['left_on_server']} left on the server; store {a['bytes_on_write'] / 1e6:.2f} MB "
          f"= {a['bytes_on_write'] / g['bytes']:.3f} x gzip -9 on write")
    print(f"mailsift archive settle: {s['wall']:.1f} s wall, {s['cpu']:.1f} s CPU; store {s['bytes'] / 1e6:.2f} MB "
          f"= {s['bytes'] / g['bytes']:.3f} x gzip -9: the messages (segments) {s['segment_bytes'] / 1e6:.2f} MB "
          f"= {s['segment_bytes'] / g['bytes']:.3f} x, the catalogue and search index "
          f"{(s['bytes'] - s['segment_bytes']) / 1e6:.2f} MB")
    print(f"mailsift archive restore: exit {r['status']}, {r['restored']} restored in {r['wall']:.1f} s "
          f"= {r['messages_per_s']:.0f} messages/s")
    print(f"(log: {log})")
    if args.out:
        with open(args.out, "w") as out:
            json.dump(figures, out, indent=2)
    shutil.rmtree(os.path.join(work, "maildir"), ignore_errors=True)


if __name__ == "__main__":
    main()
