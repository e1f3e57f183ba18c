"""The official Python MCP client SDK against `plenary mcp` on stdio.

Run through `cargo test` (tests/it/mcp.rs), which skips with a reason when
python3, pytest or the `mcp` package is missing.
"""

import asyncio
import json
import os

import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BIN = os.environ.get("PLENARY_BIN") or os.path.join(ROOT, "target", "debug", "plenary")


def with_session(args, body):
    async def go():
        params = StdioServerParameters(command=BIN, args=["mcp", *args])
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as session:
                info = await session.initialize()
                return await body(session, info)

    return asyncio.run(asyncio.wait_for(go(), 60))


def text_of(result):
    return "\n".join(c.text for c in result.content if getattr(c, "type", "") == "text")


def test_tools_are_listed_with_schemas_and_descriptions():
    async def body(s, info):
        assert info.server_info.name == "plenary"
        assert "read-only" in (info.instructions or "")
        tools = {t.name: t for t in (await s.list_tools()).tools}
        assert set(tools) >= {"describe", "query", "why"}
        for t in tools.values():
            assert len(t.description) > 40, t.name
            assert t.input_schema["type"] == "object"
        assert "query" in tools["query"].input_schema["properties"]
        assert "query" in tools["query"].input_schema.get("required", [])
        assert "params" in tools["query"].input_schema["properties"]

    with_session([], body)


def test_describe_query_and_why_on_the_bundled_graph():
    async def body(s, _):
        d = await s.call_tool("describe", {})
        assert not d.is_error
        schema = text_of(d)
        assert ":Country (" in schema and "(:Country)-[:" in schema
        assert len(schema) < 13000

        q = await s.call_tool(
            "query",
            {"query": "MATCH (c:Country {code: $code}) RETURN c.name AS name", "params": {"code": "SY"}},
        )
        assert not q.is_error, text_of(q)
        out = json.loads(text_of(q))
        assert out["columns"] == ["name"] and out["rows"] == [["Syria"]]

        q = await s.call_tool(
            "query", {"query": "UNWIND range(1, 500) AS i RETURN i", "max_rows": 5}
        )
        out = json.loads(text_of(q))
        assert len(out["rows"]) == 5 and out["row_count"] == 500 and "truncated" in out

        t = await s.call_tool(
            "query", {"query": "MATCH (c:Country) RETURN c.code AS code ORDER BY code LIMIT 3", "format": "table"}
        )
        assert "code" in text_of(t) and "│" in text_of(t)

        w = await s.call_tool(
            "why", {"query": "MATCH (c:Country {code: 'RU'})-[v:VETOED]->(r) RETURN c, v"}
        )
        assert not w.is_error, text_of(w)
        assert "Russia" in text_of(w) or "veto" in text_of(w).lower()

    with_session([], body)


def test_errors_are_tool_errors_with_hints():
    async def body(s, _):
        e = await s.call_tool("query", {"query": "MATCH (c:Contry) RETURN c"})
        # an unknown label is not an error in Cypher, but a hint is useful:
        assert not e.is_error
        assert "did you mean :Country" in " ".join(json.loads(text_of(e))["hints"])
        e = await s.call_tool("query", {"query": "MATCH (c:Country RETURN c"})
        assert e.is_error
        assert "SyntaxError" in text_of(e) and "1:" in text_of(e)
        e = await s.call_tool("query", {"query": "MATHC (c:Country) RETURN c"})
        assert e.is_error and "did you mean MATCH" in text_of(e)
        e = await s.call_tool("query", {"query": "RETURN 1", "format": "xml"})
        assert e.is_error
        # the server is still there
        ok = await s.call_tool("query", {"query": "RETURN 1 AS one"})
        assert json.loads(text_of(ok))["rows"] == [[1]]

    with_session([], body)


def test_writes_are_refused_unless_allowed():
    async def refused(s, _):
        e = await s.call_tool("query", {"query": "CREATE (:Agent {name: 'x'})"})
        assert e.is_error and "--allow-writes" in text_of(e)
        n = await s.call_tool("query", {"query": "MATCH (a:Agent) RETURN count(a) AS n"})
        assert json.loads(text_of(n))["rows"] == [[0]]
        e = await s.call_tool("query", {"query": "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l"})
        assert e.is_error

    with_session(["--read-only"], refused)
    with_session([], refused)

    async def allowed(s, info):
        assert "Writes are allowed" in (info.instructions or "")
        c = await s.call_tool("query", {"query": "CREATE (:Agent {name: 'x'})"})
        assert not c.is_error
        assert json.loads(text_of(c))["stats"]["nodes_created"] == 1
        n = await s.call_tool("query", {"query": "MATCH (a:Agent) RETURN count(a) AS n"})
        assert json.loads(text_of(n))["rows"] == [[1]]
        # why only reads, even here
        w = await s.call_tool("why", {"query": "CREATE (a:Agent) RETURN a"})
        assert w.is_error

    with_session(["--empty", "--allow-writes"], allowed)


def test_a_slow_query_times_out_as_a_tool_error():
    async def body(s, _):
        e = await s.call_tool("query", {"query": "UNWIND range(1, 100000000) AS x RETURN count(*)"})
        assert e.is_error and "time limit" in text_of(e)

    with_session(["--empty", "--timeout", "200ms"], body)
