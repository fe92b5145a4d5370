#!/usr/bin/env python3
"""Captures what the project's test Dovecot sends for a scripted session, for the replay test.

    scripts/test-imap-server.sh start DIR && . DIR/env && python3 capture.py > dovecot-session.server

Writes the server's bytes only (the client's commands are in this script). Messages are our own.
"""
import os, socket, sys, time

host = os.environ.get("MAILSIFT_TEST_IMAP_HOST", "127.0.0.1")
port = int(os.environ.get("MAILSIFT_TEST_IMAP_PORT", "21143"))
sock = socket.create_connection((host, port))
received = bytearray()

def read_until(marker, timeout=5):
    sock.settimeout(timeout)
    while marker not in received:
        chunk = sock.recv(65536)
        if not chunk:
            break
        received.extend(chunk)

def command(tag, text):
    sock.sendall(f"{tag} {text}\r\n".encode())
    read_until(f"\r\n{tag} ".encode())
    read_until(b"\r\n", 1) if not received.endswith(b"\r\n") else None

read_until(b"\r\n")
message = ("From: Direction <direction@ecoles.example.fr>\r\nTo: alice@ecoles.example.fr\r\n"
           "Subject: =?UTF-8?Q?R=C3=A9union_p=C3=A9dagogique?=\r\nDate: Tue, 3 Jun 2025 10:10:00 +0200\r\n"
           "Message-ID: <capture.1@ecoles.example.fr>\r\n\r\nOrdre du jour : les évaluations.\r\n").encode()
command("a1", "LOGIN alice alice-pass")
command("a2", "CAPABILITY")
command("a3", "ENABLE QRESYNC")
command("a4", 'LIST "" "*" RETURN (SPECIAL-USE CHILDREN STATUS (MESSAGES UIDNEXT))')
command("a5", 'CREATE "&AMk-l&AOg-ves"')
sock.sendall(b"a6 APPEND INBOX (\\Seen $Label1) {%d+}\r\n" % len(message) + message + b"\r\n")
read_until(b"\r\na6 ")
read_until(b"\r\n", 1)
command("a7", "SELECT INBOX (CONDSTORE)")
command("a8", "UID SEARCH RETURN (MIN MAX COUNT ALL) ALL")
command("a9", "UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE MODSEQ ENVELOPE BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)])")
command("a10", "UID FETCH 1:* (BODY.PEEK[] BINARY.PEEK[1] BINARY.SIZE[1])")
command("a11", 'STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN SIZE HIGHESTMODSEQ)')
command("a12", "GETQUOTAROOT INBOX")
command("a13", "NAMESPACE")
command("a14", 'ID ("name" "mailsift-capture")')
command("a15", "UID STORE 1:* +FLAGS.SILENT (\\Flagged)")
command("a16", "UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1)")
command("a17", 'UID MOVE 1:* "&AMk-l&AOg-ves"')
command("a18", 'DELETE "&AMk-l&AOg-ves"')
command("a19", "NOOP")
sock.sendall(b"a20 IDLE\r\n")
read_until(b"+ ")
read_until(b"\r\n", 1)
sock.sendall(b"DONE\r\n")
read_until(b"\r\na20 ")
read_until(b"\r\n", 1)
command("a21", "LOGOUT")
time.sleep(0.2)
try:
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        received.extend(chunk)
except socket.timeout:
    pass
sys.stdout.buffer.write(bytes(received))
