#!/usr/bin/env python3
"""The analytic suite, DuckDB side, and the comparison with plenary's run.

Reads the SQL twins of benches/analytic/questions.txt (the file benches/analytic.rs
reads for the Cypher wordings), loads the UN votes into DuckDB as
../shared/bench/duckdb_reference.py does, runs each twin (a warm-up, then RUNS timed
runs) and, given plenary's JSON, checks every plenary wording's answer equals
DuckDB's and prints the time ratios. Run the two in one sitting:

    RUNS=5 OUT=/tmp/plenary.json cargo bench --bench analytic
    python3 benches/analytic_duckdb.py --compare /tmp/plenary.json

Env: UNVOTES_DIR (default ../shared/data/unvotes from the crate root), RUNS (5),
ONLY (comma-separated ids). Exits 1 when an answer differs (a question marked
`known:` for that wording is reported apart). Needs `pip install duckdb`.
"""
import gzip, json, math, os, shutil, statistics, sys, tempfile, time, zlib

import duckdb

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("UNVOTES_DIR", os.path.join(ROOT, "..", "shared", "data", "unvotes"))
RUNS = int(os.environ.get("RUNS", "5"))
ONLY = set(filter(None, os.environ.get("ONLY", "").split(",")))


def parse(path):
    """Questions: id -> {order, answer, db, sql, known}."""
    out, cur, block, body = {}, None, None, []

    def close():
        if cur is not None and block == "sql":
            text = "\n".join(body).strip()
            cur["sql"] = text or None

    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("## "):
            close()
            block, body = None, []
            cur = {"id": line[3:].strip(), "order": "multiset", "answer": "rows", "db": "unvotes",
                   "sql": None, "known": {}}
            out[cur["id"]] = cur
            continue
        if line.startswith("#") or cur is None:
            continue
        if line.startswith("-- ") and ":" in line:
            kind = line[3:].split(":", 1)[0].strip()
            if kind in ("cypher", "sql", "reset-cypher", "reset-sql"):
                close()
                block, body = kind, []
                continue
        if block is not None:
            body.append(line)
            continue
        if ":" in line:
            k, v = (x.strip() for x in line.split(":", 1))
            if k in ("order", "answer", "db"):
                cur[k] = v
            elif k == "known":
                cur["known"][v.split()[0]] = v
    close()
    return out


def round6(f):
    return float(f"{f:.5e}") if math.isfinite(f) else f


def norm(v):
    if isinstance(v, bool) or v is None or isinstance(v, (int, str)):
        return v
    if isinstance(v, float):
        return round6(v)
    if isinstance(v, (list, tuple)):
        return [norm(x) for x in v]
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items()}
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if hasattr(v, "__float__"):  # Decimal
        f = float(v)
        return int(f) if f.is_integer() else round6(f)
    return str(v)


def canon(v):
    """One value as checksum text: the same as `canon` in benches/analytic.rs."""
    if v is None:
        return "\\N"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else f"{v:.5e}"
    if isinstance(v, str):
        return v
    return json.dumps(v, separators=(",", ":"))


def row_bytes(row):
    return ("\x1f".join(canon(v) for v in row) + "\x1e").encode()


def checksum(rows, ordered):
    if ordered:
        h = 0
        for r in rows:
            h = zlib.crc32(row_bytes(r), h)
        return f"crc32:{h:08x}"
    return f"crc32sum:{sum(zlib.crc32(row_bytes(r)) for r in rows) % 2**64:016x}"


def approx_eq(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b or abs(a - b) <= 1e-5 * max(abs(a), abs(b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(approx_eq(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(approx_eq(a[k], b[k]) for k in a)
    return a == b


def load(con, work):
    for f in ("votes.csv", "roll_calls.csv", "issues.csv"):
        gz, plain = os.path.join(DATA, f + ".gz"), os.path.join(DATA, f)
        if os.path.exists(gz):
            with gzip.open(gz, "rb") as i, open(os.path.join(work, f), "wb") as o:
                shutil.copyfileobj(i, o)
        else:
            shutil.copyfile(plain, os.path.join(work, f))
    v, rc, iss = (os.path.join(work, f) for f in ("votes.csv", "roll_calls.csv", "issues.csv"))
    x = con.execute
    rv = f"read_csv('{v}', header=true, columns={{'rcid':'BIGINT','country':'VARCHAR','country_code':'VARCHAR','vote':'VARCHAR'}})"
    ri = f"read_csv('{iss}', header=true, columns={{'rcid':'BIGINT','short_name':'VARCHAR','issue':'VARCHAR'}})"
    rr = (f"read_csv('{rc}', header=true, quote='\"', escape='\"', columns={{'rcid':'BIGINT','session':'BIGINT',"
          f"'importantvote':'BIGINT','date':'DATE','unres':'VARCHAR','amend':'BIGINT','para':'BIGINT',"
          f"'short':'VARCHAR','descr':'VARCHAR'}})")
    x(f"CREATE TABLE country AS SELECT DISTINCT country AS name, country_code AS code FROM {rv}")
    x(f"CREATE TABLE resolution AS SELECT rcid, unres, "
      f"CASE WHEN unres LIKE 'R/%' THEN 'A/RES/' || substring(unres, 3) ELSE unres END AS symbol, session, date, short, descr, importantvote, amend, para FROM {rr}")
    x(f"CREATE TABLE issue AS SELECT DISTINCT short_name AS code, issue AS name FROM {ri}")
    x(f"CREATE TABLE voted AS SELECT country, rcid, vote FROM {rv}")
    x(f"CREATE TABLE on_issue AS SELECT rcid, short_name AS code, issue FROM {ri}")
    x("CHECKPOINT")


def run_sql(con, sql):
    rows = None
    sql = "\n".join(l for l in sql.splitlines() if not l.lstrip().startswith("--"))
    for stmt in filter(None, (s.strip() for s in sql.split(";"))):
        res = con.execute(stmt)
        if res is not None and res.description is not None:
            rows = res.fetchall()
    return [norm(list(r)) for r in rows or []]


def main():
    if not os.path.exists(os.path.join(DATA, "votes.csv.gz")) and not os.path.exists(os.path.join(DATA, "votes.csv")):
        print(f"skipping the analytic suite's DuckDB side: {DATA} not found")
        return 0
    compare = sys.argv[sys.argv.index("--compare") + 1] if "--compare" in sys.argv else None
    qs = parse(os.path.join(ROOT, "benches", "analytic", "questions.txt"))
    work = tempfile.mkdtemp(prefix="analytic-duck-")
    out = {"engine": "duckdb " + duckdb.__version__, "questions": {}}
    try:
        con = duckdb.connect(os.path.join(work, "duck.db"))
        load(con, work)
        for q in qs.values():
            if not q["sql"] or q["db"] != "unvotes" or (ONLY and q["id"] not in ONLY):
                continue
            try:
                rows = run_sql(con, q["sql"])
            except duckdb.Error as e:
                out["questions"][q["id"]] = {"error": str(e).splitlines()[0]}
                continue
            times = []
            for _ in range(RUNS):
                t = time.perf_counter()
                rows = run_sql(con, q["sql"])
                times.append((time.perf_counter() - t) * 1000)
            ordered = q["order"] == "ordered"
            ans = ({"checksum": checksum(rows, ordered), "rows_count": len(rows)}
                   if q["answer"] == "checksum" else {"rows": rows})
            out["questions"][q["id"]] = dict(ans, median_ms=statistics.median(times))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not compare:
        print(json.dumps(out, indent=1))
        return 0
    pl = json.load(open(compare))
    bad, ratios, table = [], [], []
    for pq in pl["questions"]:
        d = out["questions"].get(pq["id"])
        ordered = pq.get("order") == "ordered"
        for w in pq["wordings"]:
            ms = w.get("median_ms")
            if d is None:
                table.append((pq["id"], w["name"], ms, None, None))
                continue
            if "error" in d:
                bad.append((pq["id"], w["name"], None))
                table.append((pq["id"], w["name"], ms, None, None))
                continue
            if "checksum" in d:
                same = w.get("checksum") == d["checksum"] and w.get("rows_count") == d["rows_count"]
            else:
                a, b = w.get("rows", []), d["rows"]
                if not ordered:
                    a, b = sorted(a, key=json.dumps), sorted(b, key=json.dumps)
                same = approx_eq(a, b)
            if not same:
                known = qs.get(pq["id"], {}).get("known", {}).get(w["name"])
                bad.append((pq["id"], w["name"], known))
            r = ms / d["median_ms"] if ms and d["median_ms"] > 0 else None
            if r:
                ratios.append(r)
            table.append((pq["id"], w["name"], ms, d["median_ms"], r))
    print(f"{'question':34} {'wording':26} {'plenary ms':>11} {'duckdb ms':>10} {'ratio':>7}")
    for qid, wn, a, b, r in table:
        fa = f"{a:11.3f}" if a is not None else f"{'-':>11}"
        fb = f"{b:10.3f}" if b is not None else f"{'plenary-only':>10}"
        fr = f"{r:7.2f}" if r else f"{'':>7}"
        print(f"{qid:34} {wn:26} {fa} {fb} {fr}")
    if ratios:
        gm = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print(f"\n{len(ratios)} wordings compared; geometric mean of plenary/DuckDB: {gm:.2f}x")
        print("worst 5:", ", ".join(f"{q}/{w} {r:.1f}x" for q, w, _, _, r in
                                    sorted((t for t in table if t[4]), key=lambda t: -t[4])[:5]))
    for qid, d in out["questions"].items():
        if "error" in d:
            print(f"SQL ERROR: {qid}: {d['error']}")
    for qid, wn, known in bad:
        print(f"{'KNOWN' if known else 'MISMATCH'}: {qid} / {wn}{' — ' + known if known else ''}")
    return 1 if any(k is None for _, _, k in bad) else 0


if __name__ == "__main__":
    sys.exit(main())
