// @graph: empty
// Where a variable-length pattern starts (issue #17 §3): at its more
// selective end, whichever side it is written on, with that end's labels
// and properties tested before the walk; the other end's labels and
// predicates are tested where paths end, never on the nodes a path passes
// through. The graph: a directed ring of eight unlabelled nodes 0 → 1 → … →
// 7 → 0 (`{i, even}`; relationships `{c: 'ring', w: i}`), `(:L {name: 'l'})` → 0 (`{c:
// 'side'}`), 4 → `(:M {name: 'm'})` (`{c: 'ring', w: 40}`), node 6 also
// labelled `:K`; an index on `:L(name)`. No node is both `:L` and `:M`. The anonymous slots are
// numbered in the order the pattern names its elements: nodes first, left
// to right, then relationships, so `(#0)-[#2…]-(#1)` is a walk from the
// left end and `(#1)…(#0)` one from the right.
UNWIND range(0, 7) AS i CREATE ({i: i, even: i % 2 = 0});
MATCH (a), (b) WHERE b.i = (a.i + 1) % 8 CREATE (a)-[:E {c: 'ring', w: a.i}]->(b);
MATCH (n {i: 0}) CREATE (:L {name: 'l'})-[:E {c: 'side', w: -1}]->(n);
MATCH (n {i: 4}) CREATE (n)-[:E {c: 'ring', w: 40}]->(:M {name: 'm'});
MATCH (n {i: 6}) SET n:K;
CREATE INDEX l_name FOR (n:L) ON (n.name);

// @name: the issue's query: an end no node matches starts the walk, which finds nothing
MATCH (a:L:M)-[*]-(b) RETURN count(*) AS n;
// @expect-plan: NodeByLabelScan(#0:), VarLengthExpand((#0)-[#2*1..]-(#1))
// @expect: rows
// | n |
// | 0 |

// @name: the same with the labelled end written on the right
MATCH (b)-[*]-(a:L:M) RETURN count(*) AS n;
// @expect-plan: NodeByLabelScan(#1:), VarLengthExpand((#1)-[#2*1..]-(#0))
// @expect: rows
// | n |
// | 0 |

// @name: the labelled end on the right of an outgoing arrow: walked backwards from it
MATCH (x)-[:E*]->(m:M) RETURN x.i AS i, x.name AS name;
// @expect-plan: NodeByLabelScan(#1:M), VarLengthExpand((#1)<-[#2:E*1..]-(#0))
// @expect: rows
// | i    | name |
// | 0    | null |
// | 1    | null |
// | 2    | null |
// | 3    | null |
// | 4    | null |
// | 4    | null |
// | 5    | null |
// | 6    | null |
// | 7    | null |
// | null | 'l'  |

// @name: the labelled end on the left of an incoming arrow: the same walk
MATCH (m:M)<-[:E*]-(x) RETURN x.i AS i, x.name AS name;
// @expect-plan: NodeByLabelScan(#0:M), VarLengthExpand((#0)<-[#2:E*1..]-(#1))
// @expect: rows
// | i    | name |
// | 0    | null |
// | 1    | null |
// | 2    | null |
// | 3    | null |
// | 4    | null |
// | 4    | null |
// | 5    | null |
// | 6    | null |
// | 7    | null |
// | null | 'l'  |

// @name: the labelled end on the left of an outgoing arrow
MATCH (a:L)-[:E*1..3]->(x) RETURN x.i AS i;
// @expect-plan: NodeByLabelScan(#0:L), VarLengthExpand((#0)-[#2:E*1..3]->(#1))
// @expect: rows
// | i |
// | 0 |
// | 1 |
// | 2 |

// @name: an incoming arrow from the labelled end written on the right: walked forwards from it
MATCH (x)<-[:E*]-(a:L) RETURN count(*) AS n;
// @expect-plan: VarLengthExpand((#1)-[#2:E*1..]->(#0))
// @expect: rows
// | n  |
// | 10 |

// @name: the far end's label is tested where a path ends, not on the nodes it passes
MATCH (a:L)-[:E*]->(k:K) RETURN count(*) AS n;
// @expect-plan: VarLengthExpand((#0)-[#2:E*1..]->(#1:K))
// @expect: rows
// | n |
// | 1 |

// @name: the same walked backwards from the far end
MATCH (y)-[:E*]->(k:K) WHERE y.i IS NOT NULL RETURN y.i AS i ORDER BY i;
// @expect-plan: NodeByLabelScan(#1:K)
// @expect: rows ordered
// | i |
// | 0 |
// | 1 |
// | 2 |
// | 3 |
// | 4 |
// | 5 |
// | 6 |
// | 7 |

// @name: a named path walked backwards keeps its nodes and relationships in the written order
// (`x.i + 0`: a test the cost model cannot estimate, so the one :M starts)
MATCH p = (x)-[rs:E*]->(m:M) WHERE x.i + 0 >= 2 AND x.i + 0 <= 3
RETURN [n IN nodes(p) | coalesce(n.name, toString(n.i))] AS nodes, [r IN relationships(p) | r.w] AS ws, [r IN rs | r.w] AS rs;
// @expect-plan: NodeByLabelScan(#2:M), VarLengthExpand((#2)<-[#3:E*1..]-(#1) #1 tested at path ends)
// @expect: rows
// | nodes                | ws         | rs         |
// | ['2', '3', '4', 'm'] | [2, 3, 40] | [2, 3, 40] |
// | ['3', '4', 'm']      | [3, 40]    | [3, 40]    |

// @name: the same path written from the labelled end
MATCH p = (m:M)<-[rs:E*]-(x) WHERE x.i >= 2 AND x.i <= 3
RETURN [n IN nodes(p) | coalesce(n.name, toString(n.i))] AS nodes, [r IN relationships(p) | r.w] AS ws, [r IN rs | r.w] AS rs;
// @expect: rows
// | nodes                | ws         | rs         |
// | ['m', '4', '3', '2'] | [40, 3, 2] | [40, 3, 2] |
// | ['m', '4', '3']      | [40, 3]    | [40, 3]    |

// @name: an undirected named path walked from the right
MATCH p = (x)-[:E*1..2]-(m:M) RETURN [n IN nodes(p) | coalesce(n.name, toString(n.i))] AS nodes;
// @expect-plan: NodeByLabelScan(#2:M), VarLengthExpand((#2)-[#3:E*1..2]-(#1))
// @expect: rows
// | nodes           |
// | ['3', '4', 'm'] |
// | ['4', 'm']      |
// | ['5', '4', 'm'] |

// @name: a property map on the end written on the right starts the walk, tested before it
MATCH (x)-[:E*1..2]->(m {name: 'm'}) RETURN x.i AS i;
// @expect-plan: AllNodesScan(#1), Filter(#1.name = 'm'), VarLengthExpand((#1)<-[#2:E*1..2]-(#0))
// @expect: rows
// | i |
// | 3 |
// | 4 |

// @name: a property map on the far end is tested where paths end (the start seeks l in an index)
MATCH (a:L {name: 'l'})-[:E*]->(y {even: true}) RETURN count(*) AS n;
// @expect-plan: NodeIndexSeek(#0:L(name)), VarLengthExpand((#0)-[#2:E*1..]->(#1) #1 tested at path ends: #1.even = true)
// @expect: rows
// | n |
// | 5 |

// @name: ends as selective as each other: either start, the other end's labels tested at path ends
MATCH (a:L)-[:E*]->(y {i: 3}) RETURN count(*) AS n;
// @expect: rows
// | n |
// | 1 |

// @name: a WHERE label test on the end written on the right starts the walk there
MATCH (x)-[:E*1..3]-(y) WHERE y:M RETURN x.i AS i, count(*) AS n;
// @expect-plan: NodeByLabelScan(#1:M)
// @expect: rows
// | i | n |
// | 2 | 1 |
// | 3 | 1 |
// | 4 | 1 |
// | 5 | 1 |
// | 6 | 1 |

// @name: a WHERE predicate on the far end is tested where paths end
MATCH (a:L)-[:E*]->(y) WHERE y.i > 5 AND y:K RETURN y.i AS i, count(*) AS n;
// @expect-plan: VarLengthExpand((#0)-[#2:E*1..]->(#1:K) #1 tested at path ends: #1.i > 5)
// @expect: rows
// | i | n |
// | 6 | 1 |

// @name: a WHERE on the start end is tested before the walk
MATCH (x)-[:E*1..2]->(y) WHERE x.name = 'l' RETURN y.i AS i;
// @expect-plan: Filter(#0.name = 'l'), VarLengthExpand((#0)-[#2:E*1..2]->(#1))
// @expect: rows
// | i |
// | 0 |
// | 1 |

// @name: relationship properties on every hop, walked from the labelled end
MATCH (x)-[:E* {c: 'ring'}]->(m:M) RETURN count(*) AS n;
// @expect-plan: VarLengthExpand((#1)<-[#2:E*1.. {c: 'ring'}]-(#0))
// @expect: rows
// | n |
// | 9 |

// @name: zero length from the labelled end on the right includes it
MATCH (x)-[:E*0..]->(m:M) RETURN coalesce(x.name, toString(x.i)) AS x, count(*) AS n;
// @expect-plan: VarLengthExpand((#1)<-[#2:E*0..]-(#0))
// @expect: rows
// | x   | n |
// | '0' | 1 |
// | '1' | 1 |
// | '2' | 1 |
// | '3' | 1 |
// | '4' | 2 |
// | '5' | 1 |
// | '6' | 1 |
// | '7' | 1 |
// | 'l' | 1 |
// | 'm' | 1 |

// @name: zero length with a far end that must be labelled
MATCH (m:M)-[:E*0..1]-(x:M) RETURN x.name AS x;
// @expect: rows
// | x   |
// | 'm' |

// @name: an optional walk to an end nobody matches gives one row of nulls
MATCH (a:L) OPTIONAL MATCH (a)-[:E*]->(z:L:M) RETURN a.name AS a, z;
// @expect: rows
// | a   | z    |
// | 'l' | null |

// @name: an optional walk from a null start gives one row of nulls
OPTIONAL MATCH (q:Nope) OPTIONAL MATCH (q)-[*]-(m:M) RETURN q, m;
// @expect: rows
// | q    | m    |
// | null | null |

// @name: an optional walk with no bound end and a labelled end on the right
OPTIONAL MATCH (b)-[*]-(a:L:M) RETURN b, a;
// @expect: rows
// | b    | a    |
// | null | null |

// @name: both ends bound: a test of the end alone runs before the walk
MATCH (a:L), (m:M) MATCH (a)-[:E*]->(m) WHERE m.name = 'm' RETURN count(*) AS n;
// @expect-plan: VarLengthExpandInto
// @expect: rows
// | n |
// | 1 |

// @name: relationships of the same pattern are not reused by the walk
MATCH (x)-[:E*]->(y)-[r:E]->(m:M) RETURN x.i AS i, count(*) AS n;
// @expect-plan: VarLengthExpand(distinct from)
// @expect: rows
// | i    | n |
// | 0    | 1 |
// | 1    | 1 |
// | 2    | 1 |
// | 3    | 1 |
// | 4    | 1 |
// | 5    | 1 |
// | 6    | 1 |
// | 7    | 1 |
// | null | 1 |

// @name: a relationship list bound before constrains the walk
MATCH (:L)-[r:E*2]->() WITH r MATCH (x)-[r*2]->(y) RETURN x.name AS x, y.i AS y, [q IN r | q.w] AS ws;
// @expect: rows
// | x   | y | ws      |
// | 'l' | 1 | [-1, 0] |

// @name: a bound relationship list walked from the labelled end on the right
MATCH (:L)-[r:E*7]->() WITH r MATCH (x)-[r*7]->(y:K) RETURN x.name AS x, [q IN r | q.w] AS ws;
// @expect-plan: NodeByLabelScan(#5:K), Filter(#6 = #3)
// @expect: rows
// | x   | ws                     |
// | 'l' | [-1, 0, 1, 2, 3, 4, 5] |

// @name: a list of relationships made in a WITH names the path (TCK Match4 [8])
MATCH (:L)-[r1:E]->()-[r2:E]->() WITH [r1, r2] AS rs MATCH (x)-[rs*]->(y) RETURN x.name AS x, y.i AS y;
// @expect: rows
// | x   | y |
// | 'l' | 1 |

// @name: the same list walked from a labelled end on the right, which is not where it ends
MATCH (:L)-[r1:E]->()-[r2:E]->() WITH [r1, r2] AS rs MATCH (x)-[rs*]->(y:K) RETURN x.name AS x, y.i AS y;
// @expect: rows
// | x | y |

// @name: a list that holds no relationships matches nothing
WITH [1, 2] AS rs MATCH (x)-[rs*]->(y) RETURN count(*) AS n;
// @expect: rows
// | n |
// | 0 |

// @name: shortestPath refuses a relationship list bound before (it would overwrite it)
MATCH (:L)-[r1:E]->()-[r2:E]->() WITH [r1, r2] AS rs MATCH p = shortestPath((x:L)-[rs*]-(y:M)) RETURN p;
// @expect: error SyntaxError VariableAlreadyBound
