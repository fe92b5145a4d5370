#!/usr/bin/env python3
"""The imaplib half of `mailsift-bench imap`: the same UID FETCH runs, in the same chunks, with Python's imaplib.

Usage: imaplib-bench.py HOST PORT USER FOLDER HEADER_CHUNK BODY_CHUNK   (password in $MAILSIFT_BENCH_PASSWORD)
Prints one JSON line: messages and payload bytes fetched, wall and CPU seconds, for headers and for whole bodies.
"""
import imaplib
import json
import os
import sys
import time


def fetch_all(imap, uids, item, chunk):
    messages = 0
    payload = 0
    start = time.perf_counter()
    cpu = time.process_time()
    for i in range(0, len(uids), chunk):
        part = uids[i:i + chunk]
        typ, data = imap.uid("FETCH", "%d:%d" % (part[0], part[-1]), "(" + item + ")")
        if typ != "OK":
            raise SystemExit("FETCH failed: %r" % (data,))
        for entry in data:
            if isinstance(entry, tuple):
                messages += 1
                payload += len(entry[1])
    return messages, payload, time.perf_counter() - start, time.process_time() - cpu


def main():
    host, port, user, folder, header_chunk, body_chunk = sys.argv[1:7]
    imap = imaplib.IMAP4(host, int(port))
    imap.login(user, os.environ["MAILSIFT_BENCH_PASSWORD"])
    typ, _ = imap.select(folder, readonly=True)
    if typ != "OK":
        raise SystemExit("cannot select " + folder)
    typ, data = imap.uid("SEARCH", None, "ALL")
    uids = [int(x) for x in data[0].split()]
    h = fetch_all(imap, uids, "BODY.PEEK[HEADER]", int(header_chunk))
    b = fetch_all(imap, uids, "BODY.PEEK[]", int(body_chunk))
    imap.logout()
    print(json.dumps({"headers": {"messages": h[0], "bytes": h[1], "seconds": h[2], "cpu": h[3]},
                      "bodies": {"messages": b[0], "bytes": b[1], "seconds": b[2], "cpu": b[3]}}))


main()
