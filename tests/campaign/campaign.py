#!/usr/bin/env python3
"""Crash and corruption campaign for plenary (issue #17, section 5).

Runs the release binary (`cargo build --release` first) through four kinds
of trial and checks the durability and robustness contract of the README
("Database files") and `src/store/persist/mod.rs`:

  kill   kill -9 at a random moment of a writing process: single statements,
         explicit transactions (BEGIN ... COMMIT), a bulk load (LOAD CSV and
         the batched import of the UN votes sample) and `plenary compact`.
         Afterwards `plenary check` must pass, the database must open, and
         its state must be the one after an acknowledged prefix: every
         statement whose jsonl result line was printed (printed only once
         durable) is there, at most the one in flight besides, and no
         transaction or atomic statement is there in part.
  trunc  a copy of a database whose snapshot or log is cut at a random
         length (or loses a few bytes): `check` either fails cleanly (exit
         1, a message) or passes with an acknowledged prefix (a file made
         shorter cannot be told from an unfinished write: documented).
  flip   a bit flipped, a byte changed, a range zeroed or bytes inserted,
         at a random offset of the snapshot or the log, or crafted edits
         (a duplicated or swapped record, a huge length, garbage appended):
         `check` fails cleanly or passes with the *whole* state — never a
         silent loss. `plenary recover` on what `check` refuses must not
         crash, and what it writes must pass `check`.
  query  mutated queries (from tests/queries/**/*.cypher and, when present,
         the openCypher TCK's features) through `plenary query` on the
         bundled graph: errors are fine, a panic, an "internal error" or a
         death by a signal is not.

A crash anywhere is exit status >= 128 (or a signal), "panicked" or
"internal error" in the output. The summary counts in the terms of the
issue; the exit status is 1 on any violation (details printed, the damaged
files kept under --keep). Python 3 standard library only.

  python3 tests/campaign/campaign.py --budget 60          # CI's short run
  python3 tests/campaign/campaign.py --budget 600 --seed 7
"""

import argparse
import collections
import csv
import glob
import io
import json
import os
import random
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

violations = []
counts = collections.Counter()


def violation(kind, detail, keep_from=None):
    violations.append(f"{kind}: {detail}")
    print(f"VIOLATION {kind}: {detail}", file=sys.stderr, flush=True)
    if keep_from and ARGS.keep:
        dst = os.path.join(ARGS.keep, f"{len(violations):03}-{kind}")
        shutil.copytree(keep_from, dst, dirs_exist_ok=True)
        print(f"  kept in {dst}", file=sys.stderr)


def crashed(rc, out, err):
    """A crash: death by a signal we did not send, a panic, an internal error."""
    text = (out or "") + (err or "")
    return rc is None or rc < 0 or rc >= 128 or "panicked" in text or "internal error" in text.lower()


def run(args, timeout=120, **kw):
    p = subprocess.run([ARGS.bin] + args, capture_output=True, text=True, errors="replace",
                       timeout=timeout, **kw)
    return p.returncode, p.stdout, p.stderr


def query_csv(db, q):
    rc, out, err = run(["--db", db, "query", "--format", "csv", q])
    if rc != 0:
        return None, rc, out, err
    rows = list(csv.reader(io.StringIO(out)))
    return rows[1:], rc, out, err


def db_files(db):
    return [db + s for s in ("", ".wal")]


def copy_db(src, dst):
    for s in ("", ".wal"):
        if os.path.exists(src + s):
            shutil.copy(src + s, dst + s)


# ---------------------------------------------------------------- kill -9

PAD = "x" * 200


def statements_workload(n):
    lines = [f"CREATE (:Ack {{i: {i}, pad: '{PAD}'}}) RETURN {i} AS ack;" for i in range(1, n + 1)]
    return "\n".join(lines) + "\n"


def check_statements(db, acked, n, where):
    rows, rc, out, err = query_csv(db, "MATCH (a:Ack) RETURN a.i ORDER BY a.i")
    if rows is None:
        return opened_failed(where, rc, out, err)
    got = [int(r[0]) for r in rows]
    m = len(got)
    if got != list(range(1, m + 1)):
        violation("kill/partial", f"{where}: Ack ids are not a prefix: {got[:10]}...", os.path.dirname(db))
    elif m < acked:
        counts["kill lost"] += 1
        violation("kill/lost", f"{where}: {acked} acknowledged, {m} present", os.path.dirname(db))
    elif m > acked + 1:
        violation("kill/phantom", f"{where}: {acked} acknowledged, {m} present", os.path.dirname(db))


TX_PARTS = 5


def tx_workload(n):
    out = ["CREATE (:Counter {n: 0});"]
    for t in range(1, n + 1):
        out.append("BEGIN;")
        out += [f"CREATE (:Tx {{t: {t}, part: {p}, pad: '{PAD}'}});" for p in range(1, TX_PARTS + 1)]
        out.append("MATCH (c:Counter) SET c.n = c.n + 1;")
        out.append("COMMIT;")
    return "\n".join(out) + "\n"


def tx_acked(lines):
    """Transactions acknowledged when `lines` result lines were printed."""
    per = TX_PARTS + 3
    return max(0, (lines - 1) // per) if lines > 0 else 0


def check_tx(db, lines, where):
    acked = tx_acked(lines)
    rows, rc, out, err = query_csv(db, "MATCH (x:Tx) RETURN x.t, count(*) ORDER BY x.t")
    if rows is None:
        return opened_failed(where, rc, out, err)
    crow, rc, out, err = query_csv(db, "MATCH (c:Counter) RETURN c.n")
    ts = [int(r[0]) for r in rows]
    partial = [r for r in rows if int(r[1]) != TX_PARTS]
    m = len(ts)
    if partial:
        counts["kill partial"] += 1
        violation("kill/partial", f"{where}: transactions present in part: {partial[:5]}", os.path.dirname(db))
    if ts != list(range(1, m + 1)):
        violation("kill/partial", f"{where}: committed transactions not a prefix: {ts[:10]}", os.path.dirname(db))
    if m < acked:
        counts["kill lost"] += 1
        violation("kill/lost", f"{where}: {acked} transactions acknowledged, {m} present", os.path.dirname(db))
    if m > acked + 1:
        violation("kill/phantom", f"{where}: {acked} acknowledged, {m} present", os.path.dirname(db))
    counter = [int(r[0]) for r in (crow or [])]
    if lines >= 1 and counter != [m] or lines == 0 and counter not in ([], [m]):
        violation("kill/partial", f"{where}: counter {counter} but {m} transactions", os.path.dirname(db))


BATCH = 2000


class Sample:
    """The UN votes sample, and what each prefix of batches of the import leaves."""

    def __init__(self, folder):
        self.folder = folder
        with open(os.path.join(folder, "roll_calls.csv"), newline="") as f:
            self.rcids = {int(r["rcid"]) for r in csv.DictReader(f)}
        with open(os.path.join(folder, "votes.csv"), newline="") as f:
            rows = [(r["country"], r["rcid"]) for r in csv.DictReader(f)]
        self.prefixes = []  # per batch boundary, the multiset of (country, rcid)
        acc = collections.Counter()
        for i, (c, r) in enumerate(rows, 1):
            if c and r.strip().lstrip("-").isdigit() and int(r) in self.rcids:
                acc[(c, int(r))] += 1
            if i % BATCH == 0 or i == len(rows):
                self.prefixes.append(collections.Counter(acc))
        self.prefixes.insert(0, collections.Counter())

    def workload(self):
        d = json.dumps(self.folder)
        return (
            "CREATE CONSTRAINT rc_id FOR (n:RC) REQUIRE n.rcid IS UNIQUE;\n"
            "CREATE CONSTRAINT country_name FOR (n:Country) REQUIRE n.name IS UNIQUE;\n"
            f"LOAD CSV WITH HEADERS FROM {d} + '/roll_calls.csv' AS row "
            "CREATE (:RC {rcid: toInteger(row.rcid), date: date(row.date), descr: row.descr}) RETURN count(*) AS ack;\n"
            f"CALL plenary.import.relationships({d} + '/votes.csv', {{type: 'VOTED', "
            "from: {label: 'Country', key: 'name', column: 'country', create: true, properties: {code: 'country_code'}}, "
            "to: {label: 'RC', key: 'rcid', column: 'rcid', as: 'INTEGER'}, "
            f"properties: {{vote: 'vote'}}, merge: false, batchSize: {BATCH}}}) YIELD rows RETURN rows AS ack;\n"
        )

    def check(self, db, lines, where):
        rows, rc, out, err = query_csv(db, "MATCH (r:RC) RETURN count(r)")
        if rows is None:
            return opened_failed(where, rc, out, err)
        n_rc = int(rows[0][0])
        if n_rc not in (0, len(self.rcids)) or (lines >= 3 and n_rc != len(self.rcids)):
            counts["kill partial"] += 1
            violation("kill/partial", f"{where}: {n_rc} of {len(self.rcids)} roll calls (atomic LOAD CSV)",
                      os.path.dirname(db))
        rows, rc, out, err = query_csv(db, "MATCH (c:Country)-[:VOTED]->(r:RC) RETURN c.name, r.rcid")
        got = collections.Counter((r[0], int(r[1])) for r in rows or [])
        if got not in self.prefixes:
            counts["kill partial"] += 1
            violation("kill/partial", f"{where}: {sum(got.values())} votes, not a prefix of whole batches",
                      os.path.dirname(db))
        elif lines >= 4 and got != self.prefixes[-1]:
            counts["kill lost"] += 1
            violation("kill/lost", f"{where}: the import was acknowledged but {sum(got.values())} votes are there",
                      os.path.dirname(db))


def opened_failed(where, rc, out, err):
    counts["kill unopenable"] += 1
    violation("kill/unopenable", f"{where}: exit {rc}: {(err or out).strip()[:300]}")


def start_and_kill(args, delay):
    """Starts plenary, kills it with SIGKILL after `delay` s (if still running);
    returns (result lines printed, return code, stderr)."""
    p = subprocess.Popen([ARGS.bin] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = []
    t = threading.Thread(target=lambda: out.append(p.stdout.read()))
    t.start()
    try:
        p.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGKILL)
        p.wait()
    t.join()
    err = p.stderr.read().decode(errors="replace")
    text = out[0].decode(errors="replace") if out else ""
    # a line is complete only with its newline
    lines = text.count("\n")
    return lines, p.returncode, err


def after_kill(db, where):
    rc, out, err = run(["check", db])
    if crashed(rc, out, err):
        violation("kill/crash", f"{where}: check: exit {rc}: {(err or out)[:300]}", os.path.dirname(db))
        return False
    if rc != 0:
        counts["kill unopenable"] += 1
        violation("kill/unopenable", f"{where}: check: exit {rc}: {(err or out).strip()[:300]}",
                  os.path.dirname(db))
        return False
    return True


def kill_trials(deadline, max_trials, work, rng, sample):
    kinds = ["statements", "transactions", "compaction"] + (["bulk"] if sample else [])
    scripts = {
        "statements": statements_workload(1000),
        "transactions": tx_workload(200),
    }
    if sample:
        scripts["bulk"] = sample.workload()
    for k, s in scripts.items():
        with open(os.path.join(work, f"{k}.cypher"), "w") as f:
            f.write(s)
    # a database to compact: a snapshot, and a log of many records
    base = os.path.join(work, "compact-base", "db")
    os.makedirs(os.path.dirname(base))
    run(["--db", base, "run", "--format", "jsonl", os.path.join(work, "statements.cypher")], timeout=300)
    run(["compact", base])
    run(["--db", base, "run", "--format", "jsonl", os.path.join(work, "transactions.cypher")], timeout=300)
    rc, base_dump, _ = run(["dump", base])
    # how long each takes undisturbed: kill times are drawn from that range
    took = {}
    for k in kinds:
        d = tempfile.mkdtemp(dir=work)
        db = os.path.join(d, "db")
        if k == "compaction":
            copy_db(base, db)
            args = ["compact", db]
        else:
            args = ["--db", db, "run", "--format", "jsonl", os.path.join(work, f"{k}.cypher")]
        t0 = time.time()
        rc, out, err = run(args, timeout=600)
        took[k] = time.time() - t0
        if rc != 0:
            violation("kill/setup", f"{k}: the undisturbed run failed: exit {rc}: {err[:300]}")
        shutil.rmtree(d)
    print("  undisturbed: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in took.items()), flush=True)
    n = 0
    while time.time() < deadline and n < max_trials:
        n += 1
        k = kinds[n % len(kinds)]
        d = tempfile.mkdtemp(dir=work)
        db = os.path.join(d, "db")
        delay = rng.uniform(0, took[k] * 1.1)
        where = f"kill trial {n} ({k}, after {delay * 1000:.0f} ms)"
        if k == "compaction":
            copy_db(base, db)
            lines, rc, err = start_and_kill(["compact", db], delay)
        else:
            lines, rc, err = start_and_kill(
                ["--db", db, "run", "--format", "jsonl", os.path.join(work, f"{k}.cypher")], delay)
        if rc is not None and rc != -signal.SIGKILL and crashed(rc, "", err):
            violation("kill/crash", f"{where}: the writer died with {rc}: {err[:300]}", d)
        counts[f"kill {k}"] += 1
        counts["kill trials"] += 1
        counts["kill acknowledged"] += lines
        if not os.path.exists(db) and k != "compaction":
            # killed before it created the file: nothing was acknowledged
            if lines:
                violation("kill/lost", f"{where}: {lines} results printed but no database file", d)
            shutil.rmtree(d)
            continue
        if after_kill(db, where):
            if k == "statements":
                check_statements(db, lines, 1000, where)
            elif k == "transactions":
                check_tx(db, lines, where)
            elif k == "bulk":
                sample.check(db, lines, where)
            else:
                rc, dump, err = run(["dump", db])
                if rc != 0 or dump != base_dump:
                    counts["kill lost"] += 1
                    violation("kill/compaction", f"{where}: the graph changed in an interrupted compaction", d)
        shutil.rmtree(d, ignore_errors=True)


# ------------------------------------------------------- damaged files

def wal_records(wal):
    """(offset, total length) of each record of a version-2 log."""
    recs, p = [], 24
    while p + 20 <= len(wal):
        (n,) = struct.unpack_from("<I", wal, p)
        recs.append((p, 20 + n))
        p += 20 + n
    return recs


def damage(data, rng, kind, is_wal):
    """`data` damaged; the kind says what the outcome may be."""
    b = bytearray(data)
    if kind == "truncate":
        return bytes(b[: rng.randrange(0, len(b))])
    if kind == "cut":  # a few bytes taken out somewhere
        i = rng.randrange(0, len(b))
        return bytes(b[:i] + b[i + rng.randint(1, 8):])
    if kind == "bitflip":
        i = rng.randrange(0, len(b))
        b[i] ^= 1 << rng.randrange(8)
        return bytes(b)
    if kind == "byte":
        i = rng.randrange(0, len(b))
        b[i] = (b[i] + rng.randint(1, 255)) % 256
        return bytes(b)
    if kind == "zeros":
        i = rng.randrange(0, len(b))
        n = rng.randint(1, 64)
        b[i:i + n] = bytes(len(b[i:i + n]))
        return bytes(b)
    if kind == "insert":
        i = rng.randrange(0, len(b) + 1)
        return bytes(b[:i] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 16))) + b[i:])
    # crafted
    recs = wal_records(data) if is_wal else []
    choice = rng.randrange(5) if recs else rng.choice([2, 4])
    if choice == 0:  # a record duplicated
        o, n = rng.choice(recs)
        return bytes(b + b[o:o + n])
    if choice == 1 and len(recs) >= 2:  # two records swapped
        i = rng.randrange(len(recs) - 1)
        (o1, n1), (o2, n2) = recs[i], recs[i + 1]
        return bytes(b[:o1] + b[o2:o2 + n2] + b[o1:o1 + n1] + b[o2 + n2:])
    if choice == 2:  # a huge length (a record's, or the snapshot payload's)
        o = rng.choice(recs)[0] if recs else 20
        width = 4 if recs else 8
        b[o:o + width] = (0xFFFFFFF0).to_bytes(width, "little")
        return bytes(b)
    if choice == 3 and recs:  # a record with a consistent header but garbage payload
        o, n = rng.choice(recs)
        payload = bytes(rng.randrange(256) for _ in range(n - 20))
        h = struct.pack("<IQI", len(payload), struct.unpack_from("<Q", b, o + 4)[0], zlib.crc32(payload))
        h += struct.pack("<I", zlib.crc32(h))
        return bytes(b[:o] + h + payload + b[o + n:])
    return bytes(b + bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))))  # garbage appended


def file_trials(deadline, max_trials, work, rng):
    base = os.path.join(work, "damage-base", "db")
    os.makedirs(os.path.dirname(base))
    snap_n, log_n = 20, 30
    with open(os.path.join(work, "damage.cypher"), "w") as f:
        f.write(statements_workload(snap_n))
    run(["--db", base, "run", os.path.join(work, "damage.cypher")])
    run(["compact", base])
    with open(os.path.join(work, "damage.cypher"), "w") as f:
        f.write("\n".join(f"CREATE (:Ack {{i: {i}, d: date('2020-01-01'), l: [{i}, 2.5], pad: '{PAD}'}});"
                          for i in range(snap_n + 1, snap_n + log_n + 1)) + "\n")
    run(["--db", base, "run", os.path.join(work, "damage.cypher")])
    full = list(range(1, snap_n + log_n + 1))
    files = {"snapshot": open(base, "rb").read(), "log": open(base + ".wal", "rb").read()}
    kinds = ["truncate", "cut", "bitflip", "byte", "zeros", "insert", "crafted"]
    n = 0
    while time.time() < deadline and n < max_trials:
        n += 1
        which = rng.choice(list(files))
        kind = kinds[n % len(kinds)]
        d = tempfile.mkdtemp(dir=work)
        db = os.path.join(d, "db")
        copy_db(base, db)
        with open(db + (".wal" if which == "log" else ""), "wb") as f:
            f.write(damage(files[which], rng, kind, which == "log"))
        shutil.copytree(d, d + "-orig")
        where = f"file trial {n} ({kind} of the {which})"
        counts["file trials"] += 1
        counts[f"file {kind}"] += 1
        rc, out, err = run(["check", db])
        if crashed(rc, out, err):
            violation("file/crash", f"{where}: check: exit {rc}: {(err or out)[:300]}", d + "-orig")
        elif rc == 0:
            rows, qrc, qout, qerr = query_csv(db, "MATCH (a:Ack) RETURN a.i ORDER BY a.i")
            if rows is None:
                if crashed(qrc, qout, qerr):
                    violation("file/crash", f"{where}: open: exit {qrc}: {qerr[:300]}", d + "-orig")
                else:
                    violation("file/inconsistent", f"{where}: check passed but opening failed: {qerr[:300]}",
                              d + "-orig")
            else:
                got = [int(r[0]) for r in rows]
                prefix_ok = kind in ("truncate", "cut") and which == "log"
                if got == full:
                    counts["file intact"] += 1
                elif prefix_ok and got == full[:len(got)] and len(got) >= snap_n:
                    counts["file shortened (a prefix)"] += 1
                else:
                    counts["file silent loss"] += 1
                    violation("file/silent-loss", f"{where}: check passed with {len(got)} of {len(full)}",
                              d + "-orig")
        else:
            counts["file refused"] += 1
            # the refusal names the problem; recover must not crash and writes a database that checks
            rrc, rout, rerr = run(["recover", db, "--to", db + "-new"])
            if crashed(rrc, rout, rerr):
                violation("file/crash", f"{where}: recover: exit {rrc}: {(rerr or rout)[:300]}", d + "-orig")
            elif rrc == 0:
                crc, cout, cerr = run(["check", db + "-new"])
                if crc != 0:
                    violation("file/recover", f"{where}: the recovered database fails check: {cerr[:300]}",
                              d + "-orig")
                else:
                    counts["file recovered"] += 1
        shutil.rmtree(d, ignore_errors=True)
        shutil.rmtree(d + "-orig", ignore_errors=True)


# ------------------------------------------------------- crafted queries

def corpus_queries():
    qs = []
    for path in glob.glob(os.path.join(ROOT, "tests/queries/**/*.cypher"), recursive=True):
        text = open(path, encoding="utf-8", errors="replace").read()
        text = "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("//"))
        qs += [s.strip() for s in text.split(";") if s.strip()]
    tck = os.path.join(ROOT, "../shared/tck/features")
    for path in glob.glob(os.path.join(tck, "**/*.feature"), recursive=True):
        text = open(path, encoding="utf-8", errors="replace").read()
        for block in re.findall(r'"""\n(.*?)\n\s*"""', text, re.S):
            block = "\n".join(l.strip() for l in block.splitlines())
            if re.match(r"\s*(MATCH|RETURN|WITH|UNWIND|CREATE|MERGE|OPTIONAL|CALL|FOREACH)", block):
                qs.append(block)
    return qs


TOKENS = ["(", ")", "[", "]", "{", "}", "-", "->", "<-", "*", "..", "|", ":", ",", ".", "=", "<>",
          "'", '"', "`", "$p", "null", "NaN", "1e309", "-9223372036854775808", "9223372036854775807",
          "0x", "\\u", "MATCH", "RETURN", "WITH", "WHERE", "CASE", "WHEN", "END", "UNWIND", "AS", "CALL {",
          "EXISTS {", "COUNT {", "reduce(", "range(0, 9223372036854775807", "[x IN", "shortestPath(", "%",
          "/", "^", "DISTINCT", "ORDER BY", "LIMIT -1", "SKIP", "DELETE", "DETACH DELETE n", "SET n =",
          "REMOVE", "MERGE", "CREATE", "FOREACH (", "IN TRANSACTIONS", "date(", "duration(", "}}}}",
          "((((((((((", "[[[[[[[[", "/*", "*/", "//", ";", "\x00", "\u00e9", "\U0001F600", "\u200b",
          "toInteger(", "split(", "substring(", "size(", "collect(", "percentileCont(", "stDev(", "apoc.",
          "db.labels()", "plenary.algo.pageRank({})", "plenary.import.relationships(", "LOAD CSV FROM",
          "*0..", "*..9999", "OPTIONAL MATCH", "UNION", "UNION ALL", "EXPLAIN", "PROFILE", "BEGIN", "COMMIT"]


def mutate(q, rng, pool):
    s = q
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(7)
        i = rng.randrange(len(s) + 1)
        if op == 0 and s:  # delete a span
            s = s[:i] + s[i + rng.randint(1, 12):]
        elif op == 1:  # insert a token
            s = s[:i] + rng.choice(TOKENS) + s[i:]
        elif op == 2 and s:  # duplicate a span
            j = min(len(s), i + rng.randint(1, 30))
            s = s[:j] + s[i:j] + s[j:]
        elif op == 3:  # splice with another query
            o = rng.choice(pool)
            s = s[:i] + o[rng.randrange(len(o) + 1):]
        elif op == 4 and s:  # replace a character
            s = s[:i] + chr(rng.choice([rng.randrange(32, 127), rng.randrange(0, 0x2FFF)])) + s[i + 1:]
        elif op == 5:  # a number at its limits
            s = re.sub(r"\b\d+\b", lambda m: rng.choice(["0", "-1", "9223372036854775807", "1e308",
                                                         "99999999999999999999", m.group(0)]), s, count=1)
        else:  # swap two words
            w = s.split(" ")
            if len(w) > 2:
                a, b = rng.randrange(len(w)), rng.randrange(len(w))
                w[a], w[b] = w[b], w[a]
                s = " ".join(w)
    return s


def query_trials(deadline, max_trials, rng):
    pool = corpus_queries()
    print(f"  {len(pool)} queries to mutate", flush=True)
    n = 0
    while time.time() < deadline and n < max_trials:
        n += 1
        q = mutate(rng.choice(pool), rng, pool).replace("\x00", "")
        counts["queries"] += 1
        try:
            rc, out, err = run(["query", "--format", "jsonl", q], timeout=ARGS.query_timeout)
        except subprocess.TimeoutExpired:
            counts["queries slow (stopped)"] += 1
            continue
        if "memory allocation of" in err:
            counts["queries out of memory"] += 1
            continue
        if crashed(rc, out, err):
            kind = "panic" if "panicked" in out + err else "internal error" if "internal error" in (
                out + err).lower() else f"exit {rc}"
            counts[f"queries {kind}"] += 1
            violation("query/crash", f"{kind}: {q!r}: {(err or out)[:400]}")
        elif rc == 0:
            counts["queries ok"] += 1
        else:
            counts["queries refused (an error)"] += 1


# ----------------------------------------------------------------- main

def main():
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/plenary"))
    ap.add_argument("--budget", type=float, default=60, help="seconds in all (default 60)")
    ap.add_argument("--trials", type=int, default=10 ** 9, help="at most this many trials of each kind")
    ap.add_argument("--only", choices=["kill", "files", "queries"], action="append",
                    help="run only these parts (repeatable)")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--sample", default=os.path.join(ROOT, "../shared/data/unvotes/sample"),
                    help="the UN votes sample for the bulk-load trials (skipped when missing)")
    ap.add_argument("--query-timeout", type=float, default=20)
    ap.add_argument("--keep", default=None, help="copy the files of each violation here")
    ap.add_argument("--dir", default=None, help="scratch folder (default: a temporary one)")
    ARGS = ap.parse_args()
    if not os.access(ARGS.bin, os.X_OK):
        sys.exit(f"{ARGS.bin} not found: cargo build --release first")
    seed = ARGS.seed if ARGS.seed is not None else random.randrange(10 ** 6)
    rng = random.Random(seed)
    parts = ARGS.only or ["kill", "files", "queries"]
    share = {"kill": 0.45, "files": 0.25, "queries": 0.30}
    total = sum(share[p] for p in parts)
    work = tempfile.mkdtemp(prefix="plenary-campaign-", dir=ARGS.dir)
    sample = None
    if os.path.exists(os.path.join(ARGS.sample, "votes.csv")):
        sample = Sample(os.path.abspath(ARGS.sample))
    print(f"campaign: seed {seed}, budget {ARGS.budget:.0f} s, {ARGS.bin}", flush=True)
    t0 = time.time()
    try:
        end = t0
        for p in parts:
            end += ARGS.budget * share[p] / total
            print(f"== {p}", flush=True)
            if p == "kill":
                kill_trials(end, ARGS.trials, work, rng, sample)
            elif p == "files":
                file_trials(end, ARGS.trials, work, rng)
            else:
                query_trials(end, ARGS.trials, rng)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    c = counts
    print(f"\nsummary (seed {seed}, {time.time() - t0:.0f} s):")
    if "kill" in parts:
        kinds = ", ".join(f"{c[f'kill {k}']} {k}" for k in ["statements", "transactions", "bulk", "compaction"])
        print(f"  kill -9 trials: {c['kill trials']} ({kinds}): {c['kill lost']} lost, "
              f"{c['kill partial']} partial transactions, {c['kill unopenable']} unopenable files "
              f"({c['kill acknowledged']} acknowledged results checked)"
              + ("" if sample else " (no sample: no bulk loads)"))
    if "files" in parts:
        kinds = ", ".join(f"{c[f'file {k}']} {k}" for k in
                          ["truncate", "cut", "bitflip", "byte", "zeros", "insert", "crafted"])
        crashes = sum(1 for v in violations if v.startswith("file/crash"))
        print(f"  corrupt-file trials: {c['file trials']} ({kinds}): {crashes} crashes, "
              f"{c['file silent loss']} silent losses; {c['file refused']} refused by check "
              f"({c['file recovered']} recovered), {c['file intact']} intact, "
              f"{c['file shortened (a prefix)']} read as a shorter log")
    if "queries" in parts:
        bad = sum(v for k, v in c.items() if k.startswith("queries ") and k.split(" ", 1)[1] in
                  ("panic", "internal error") or k.startswith("queries exit"))
        print(f"  fuzzed queries: {c['queries']}: {bad} panics or internal errors "
              f"({c['queries ok']} ran, {c['queries refused (an error)']} errors, "
              f"{c['queries slow (stopped)']} stopped after {ARGS.query_timeout:.0f} s, "
              f"{c['queries out of memory']} out of memory)")
    if violations:
        print(f"\n{len(violations)} violation(s):")
        for v in violations[:50]:
            print("  " + v)
        sys.exit(1)
    print("  no violations")


if __name__ == "__main__":
    main()
