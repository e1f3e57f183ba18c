"""The official Neo4j Python driver against `plenary serve`.

Run through `cargo test` (tests/it/bolt.rs), which skips with a reason when
python3, pytest or the `neo4j` package is missing.
"""

import datetime as dt
import os
import subprocess
import sys
import threading

import pytest
from neo4j import GraphDatabase, Query, READ_ACCESS
from neo4j import exceptions as ex
from neo4j import time as ntime
from neo4j.graph import Node, Path, Relationship

from conftest import AUTH


# ---- connecting -------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_connects_over_bolt_and_neo4j_uris(server, scheme):
    with GraphDatabase.driver(f"{scheme}://{server.address}", auth=AUTH) as d:
        d.verify_connectivity()
        info = d.get_server_info()
        assert info.agent.startswith("Neo4j/5.")
        assert "plenary" in info.agent
        records, _, _ = d.execute_query("RETURN 1 AS one")
        assert records[0]["one"] == 1


def test_a_wrong_password_is_an_auth_error(server):
    with GraphDatabase.driver(server.uri, auth=("neo4j", "wrong")) as d:
        with pytest.raises(ex.AuthError):
            d.verify_connectivity()


def test_the_server_still_serves_after_a_failed_login(server, driver):
    with GraphDatabase.driver(server.uri, auth=("nobody", "x")) as d:
        with pytest.raises(ex.AuthError):
            d.execute_query("RETURN 1")
    assert driver.execute_query("RETURN 2 AS x").records[0]["x"] == 2


# ---- values -----------------------------------------------------------------

ROUND_TRIP = [
    None,
    True,
    False,
    0,
    -1,
    2**63 - 1,
    -(2**63),
    3.25,
    float("inf"),
    "",
    "Ünïcode ✓ 中文",
    [],
    [1, "two", [3.0, None], {"k": [True]}],
    {},
    {"a": {"b": {"c": [1, {"d": None}]}}},
    ntime.Date(1945, 10, 24),
    ntime.Date(1, 1, 1),
    ntime.Date(9999, 12, 31),
    ntime.Time(13, 5, 7, 123456789),
    ntime.DateTime(2012, 2, 16, 18, 30, 0, 500),
    ntime.DateTime(2012, 2, 16, 18, 30, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))),
    ntime.DateTime(2012, 2, 16, 18, 30, 0, 0, tzinfo=dt.timezone.utc),
    ntime.Duration(years=1, months=2, days=3, hours=4, minutes=5, seconds=6, nanoseconds=7),
    ntime.Duration(days=-3, seconds=-1),
    dt.date(2000, 2, 29),
    dt.datetime(2000, 2, 29, 23, 59, 59),
    dt.timedelta(days=1, seconds=2),
]


@pytest.mark.parametrize("value", ROUND_TRIP, ids=lambda v: f"{type(v).__name__}:{v!r}"[:60])
def test_parameters_round_trip(driver, value):
    records, _, _ = driver.execute_query("RETURN $v AS v", v=value)
    got = records[0]["v"]
    if isinstance(value, dt.timedelta):
        value = ntime.Duration(days=value.days, seconds=value.seconds)
    if isinstance(value, dt.datetime) and not isinstance(value, ntime.DateTime):
        value = ntime.DateTime.from_native(value)
    if isinstance(value, dt.date) and not isinstance(value, (ntime.Date, dt.datetime)):
        value = ntime.Date.from_native(value)
    assert got == value
    assert type(got) is type(value) or value is None


def test_temporal_values_computed_by_the_server(driver):
    records, _, _ = driver.execute_query(
        "RETURN date('2024-02-29') AS d, localtime('12:34:56.789') AS lt, "
        "time('12:00+02:00') AS t, localdatetime('2024-01-01T00:00:01') AS ldt, "
        "datetime('2024-06-01T12:00:00-04:00') AS dtz, datetime('2024-06-01T12:00Z[UTC]') AS zoned, "
        "duration('P1Y2M10DT2H30M') AS du"
    )
    r = records[0]
    assert r["d"] == ntime.Date(2024, 2, 29)
    assert r["lt"] == ntime.Time(12, 34, 56, 789000000)
    assert r["t"].utc_offset() == dt.timedelta(hours=2)
    assert r["ldt"] == ntime.DateTime(2024, 1, 1, 0, 0, 1)
    assert r["dtz"].utcoffset() == dt.timedelta(hours=-4)
    assert r["dtz"].hour == 12
    assert r["zoned"].tzinfo is not None and r["zoned"].hour == 12
    assert r["du"] == ntime.Duration(years=1, months=2, days=10, hours=2, minutes=30)


def test_types_plenary_lacks_are_refused_with_a_client_error(driver):
    with pytest.raises(ex.ClientError) as e:
        driver.execute_query("RETURN $b AS b", b=b"\x00\x01")
    assert "ByteArray" in e.value.message


def test_nodes_relationships_and_paths(clean):
    d = clean
    d.execute_query(
        "CREATE (:Country {code: 'SY', name: 'Syria'})-[:VOTED {vote: 'yes'}]->"
        "(:Resolution {symbol: 'A/RES/66/253'})<-[:VOTED {vote: 'no'}]-(:Country:Member {code: 'RU'})"
    )
    records, _, _ = d.execute_query(
        "MATCH p = (a:Country {code: 'SY'})-[r:VOTED]->(res)<-[s]-(b) RETURN a, r, res, p, b"
    )
    rec = records[0]
    a, r, res, p, b = rec["a"], rec["r"], rec["res"], rec["p"], rec["b"]
    assert isinstance(a, Node) and a.labels == {"Country"} and a["name"] == "Syria"
    assert b.labels == {"Country", "Member"}
    assert isinstance(r, Relationship) and r.type == "VOTED" and r["vote"] == "yes"
    assert r.start_node.element_id == a.element_id
    assert r.end_node.element_id == res.element_id
    assert isinstance(p, Path) and len(p) == 2
    assert [n.element_id for n in p.nodes] == [a.element_id, res.element_id, b.element_id]
    assert p.relationships[1]["vote"] == "no"
    assert p.relationships[1].start_node.element_id == b.element_id
    # an element id read from a node finds it again
    again, _, _ = d.execute_query(
        "MATCH (n) WHERE elementId(n) = $id RETURN n.code AS code", id=b.element_id
    )
    assert again[0]["code"] == "RU"


# ---- results and summaries --------------------------------------------------


def test_execute_query_session_run_and_summaries(clean):
    d = clean
    _, summary, _ = d.execute_query("CREATE (:T {a: 1, b: 2}), (:T {a: 3})")
    c = summary.counters
    assert c.nodes_created == 2 and c.properties_set == 3 and c.labels_added == 2
    assert c.contains_updates
    assert summary.query_type == "rw"
    with d.session() as s:
        r = s.run("MATCH (t:T) RETURN t.a AS a ORDER BY a")
        assert r.keys() == ["a"]
        assert r.data() == [{"a": 1}, {"a": 3}]
        one = s.run("MATCH (t:T {a: 3}) RETURN t.a AS a").single(strict=True)
        assert one["a"] == 3
        summary = s.run("MATCH (t:T) RETURN t").consume()
        assert summary.query_type == "r"
        assert not summary.counters.contains_updates
        assert summary.result_available_after is not None
        summary = s.run("MATCH (t:T {a: 1}) DETACH DELETE t").consume()
        assert summary.counters.nodes_deleted == 1
        summary = s.run("CREATE INDEX t_a IF NOT EXISTS FOR (t:T) ON (t.a)").consume()
        assert summary.query_type == "s"
        assert summary.counters.indexes_added == 1


def test_bookmarks_advance_after_writes(clean):
    with clean.session() as s:
        s.run("CREATE (:B)").consume()
        b1 = s.last_bookmarks()
        s.run("CREATE (:B)").consume()
        assert s.last_bookmarks() != b1


# ---- transactions -----------------------------------------------------------


def test_managed_transactions(clean):
    def create(tx, n):
        return tx.run("UNWIND range(1, $n) AS i CREATE (:M {i: i}) RETURN count(*) AS c", n=n).single()["c"]

    def count(tx):
        return tx.run("MATCH (m:M) RETURN count(m) AS c").single()["c"]

    with clean.session() as s:
        assert s.execute_write(create, 5) == 5
        assert s.execute_read(count) == 5


def test_a_failed_explicit_transaction_leaves_nothing_behind(clean):
    with clean.session() as s:
        tx = s.begin_transaction()
        tx.run("CREATE (:Gone {x: 1})").consume()
        with pytest.raises(ex.ClientError):
            tx.run("RETURN 1 / 0").consume()
        tx.close()
    with clean.session() as s:
        tx = s.begin_transaction()
        tx.run("CREATE (:Gone {x: 2})").consume()
        tx.rollback()
        assert s.run("MATCH (g:Gone) RETURN count(g) AS c").single()["c"] == 0
        tx = s.begin_transaction()
        tx.run("CREATE (:Kept)").consume()
        # the transaction sees its own writes
        assert tx.run("MATCH (k:Kept) RETURN count(k) AS c").single()["c"] == 1
        tx.commit()
        assert s.run("MATCH (k:Kept) RETURN count(k) AS c").single()["c"] == 1


def test_results_of_several_queries_in_one_transaction(clean):
    with clean.session() as s:
        with s.begin_transaction() as tx:
            r1 = tx.run("UNWIND range(1, 3) AS i RETURN i")
            r2 = tx.run("UNWIND range(10, 12) AS j RETURN j")
            assert [x["j"] for x in r2] == [10, 11, 12]
            assert [x["i"] for x in r1] == [1, 2, 3]
            tx.commit()


def test_a_retried_write_waits_for_another_sessions_transaction(clean):
    """A write transaction holds the writer slot; a second writer waits
    for it instead of failing."""
    with clean.session() as s1, clean.session() as s2:
        tx = s1.begin_transaction()
        tx.run("CREATE (:W {who: 1})").consume()
        done = []

        def other():
            s2.execute_write(lambda t: t.run("CREATE (:W {who: 2})").consume())
            done.append(True)

        t = threading.Thread(target=other)
        t.start()
        t.join(0.5)
        assert not done, "the second writer did not wait"
        tx.commit()
        t.join(10)
        assert done
    records, _, _ = clean.execute_query("MATCH (w:W) RETURN w.who AS who ORDER BY who")
    assert [r["who"] for r in records] == [1, 2]


def test_a_dropped_connection_rolls_back_its_transaction(server, clean):
    code = f"""
import os
from neo4j import GraphDatabase
d = GraphDatabase.driver("{server.uri}", auth={AUTH!r})
s = d.session()
tx = s.begin_transaction()
tx.run("CREATE (:Dropped)").consume()
os._exit(0)
"""
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)
    # the writer slot is free again and nothing of the transaction stays
    records, _, _ = clean.execute_query("MATCH (d:Dropped) RETURN count(d) AS c")
    assert records[0]["c"] == 0
    clean.execute_query("CREATE (:After)")


def test_transaction_control_statements_are_refused(driver):
    with pytest.raises(ex.ClientError) as e:
        driver.execute_query("BEGIN")
    assert "driver" in e.value.message


def test_a_transaction_timeout_stops_the_query(driver):
    with driver.session() as s:
        with pytest.raises(ex.ClientError) as e:
            s.run(Query("UNWIND range(1, 100000000) AS x RETURN count(*)", timeout=0.2)).consume()
        assert "Timed" in e.value.code or "Timeout" in e.value.code
        assert s.run("RETURN 1 AS x").single()["x"] == 1


def test_eight_concurrent_sessions(clean):
    clean.execute_query("UNWIND range(1, 200) AS i CREATE (:C {i: i})")
    errors = []

    def reader():
        try:
            with clean.session() as s:
                for _ in range(20):
                    c = s.execute_read(lambda t: t.run("MATCH (c:C) RETURN count(c) AS c").single()["c"])
                    assert c >= 200
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    def writer(k):
        try:
            with clean.session() as s:
                for j in range(20):
                    s.execute_write(lambda t: t.run("CREATE (:C {i: $i})", i=1000 + k * 100 + j).consume())
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=reader) for _ in range(6)]
    threads += [threading.Thread(target=writer, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    records, _, _ = clean.execute_query("MATCH (c:C) RETURN count(c) AS c")
    assert records[0]["c"] == 240


def test_a_million_rows_stream_in_small_batches(server, driver):
    with driver.session(fetch_size=1000) as s:
        total = 0
        n = 0
        for rec in s.run("UNWIND range(1, 1000000) AS i RETURN i"):
            total += rec[0]
            n += 1
        assert n == 1_000_000
        assert total == 1_000_000 * 1_000_001 // 2
    peak = server.rss_peak_kib()
    print(f"server peak RSS after the 1M-row result: {peak} KiB")
    # The engine materializes a result before it is streamed; this bound
    # catches a regression to something much worse than that.
    assert peak is None or peak < 1_500_000


# ---- errors -----------------------------------------------------------------


def test_errors_arrive_as_the_drivers_exception_classes(clean):
    d = clean
    with pytest.raises(ex.CypherSyntaxError) as e:
        d.execute_query("MATCH (n RETURN n")
    assert e.value.code == "Neo.ClientError.Statement.SyntaxError"
    assert "1:10" in e.value.message
    with pytest.raises(ex.CypherTypeError):
        d.execute_query("RETURN 1 + true - 1")
    with pytest.raises(ex.ClientError) as e:
        d.execute_query("RETURN $missing")
    assert e.value.code == "Neo.ClientError.Statement.ParameterMissing"
    with pytest.raises(ex.ClientError) as e:
        d.execute_query("RETURN 1 / 0")
    assert e.value.code == "Neo.ClientError.Statement.ArithmeticError"
    d.execute_query("CREATE CONSTRAINT u_code IF NOT EXISTS FOR (u:U) REQUIRE u.code IS UNIQUE")
    d.execute_query("CREATE (:U {code: 'x'})")
    with pytest.raises(ex.ConstraintError) as e:
        d.execute_query("CREATE (:U {code: 'x'})")
    assert e.value.code == "Neo.ClientError.Schema.ConstraintValidationFailed"
    with pytest.raises(ex.ClientError) as e:
        d.execute_query("CALL no.such.procedure()")
    assert e.value.code.startswith("Neo.ClientError.Procedure.")


def test_after_an_error_the_session_goes_on(driver):
    with driver.session() as s:
        with pytest.raises(ex.CypherSyntaxError):
            s.run("RETURN (").consume()
        assert s.run("RETURN 7 AS x").single()["x"] == 7


def test_read_access_mode_refuses_writes(driver):
    with driver.session(default_access_mode=READ_ACCESS) as s:
        with pytest.raises(ex.ClientError) as e:
            s.run("CREATE (:No)").consume()
        assert e.value.code == "Neo.ClientError.Statement.AccessMode"
    with driver.session() as s:
        with pytest.raises(ex.ClientError) as e:
            s.execute_read(lambda t: t.run("CREATE (:No)").consume())
        assert e.value.code == "Neo.ClientError.Statement.AccessMode"


def test_a_read_only_server(readonly_server):
    with GraphDatabase.driver(readonly_server.uri, auth=None) as d:
        records, _, _ = d.execute_query("MATCH (c:Country {code: 'SY'}) RETURN c.name AS name")
        assert records[0]["name"] == "Syria"
        with pytest.raises(ex.ClientError) as e:
            d.execute_query("CREATE (:X)")
        assert e.value.code == "Neo.ClientError.Statement.AccessMode"
        with pytest.raises(ex.ClientError):
            d.execute_query("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l")


def test_an_unknown_database_is_refused(server):
    with GraphDatabase.driver(server.uri, auth=AUTH) as d:
        with pytest.raises(ex.ClientError) as e:
            d.execute_query("RETURN 1", database_="elsewhere")
        assert "DatabaseNotFound" in e.value.code
        d.execute_query("RETURN 1", database_="neo4j")


# ---- what drivers and tools call --------------------------------------------


def test_schema_procedures_use_neo4js_column_names(clean):
    d = clean
    d.execute_query("CREATE (:Lab {p: 1})-[:REL]->(:Lab)")
    records, _, _ = d.execute_query("CALL db.labels()")
    assert "Lab" in [r["label"] for r in records]
    records, _, _ = d.execute_query("CALL db.relationshipTypes()")
    assert "REL" in [r["relationshipType"] for r in records]
    records, _, _ = d.execute_query("CALL db.propertyKeys()")
    assert "p" in [r["propertyKey"] for r in records]
    records, _, _ = d.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"
    )
    assert records[0]["name"] == "Neo4j Kernel"
    assert records[0]["versions"][0].startswith("5.")


def test_unknown_names_come_back_as_notifications(driver):
    _, summary, _ = driver.execute_query("MATCH (c:Contry) RETURN c.nmae")
    got = {(n["code"], n["description"]) for n in summary.notifications}
    assert (
        "Neo.ClientNotification.Statement.UnknownLabelWarning",
        "the graph has no label :Contry",
    ) in {(c, d.split(";")[0]) for c, d in got}
    assert any(n["code"].endswith("UnknownPropertyKeyWarning") for n in summary.notifications)
    assert summary.notifications[0]["position"]["column"] == 10
