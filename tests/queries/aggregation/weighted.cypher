// @graph: empty
// An aggregate of a pure function of one property of the relationship
// counted (`sum(CASE WHEN v.v = 'yes' THEN 1 ELSE 0 END)`, `max(v.w)`) is
// counted while expanding: rows are counted per value of the property, and
// the argument is evaluated once per value and fed as many times as rows
// had it. Sums and averages are fed so only when that is exact in any
// order (integers, or small integral floats).
UNWIND range(1, 12) AS i CREATE (:C {code: 'c' + i, i: i});
UNWIND range(1, 20) AS j CREATE (:R {j: j});
MATCH (c:C), (r:R) WHERE (c.i + r.j) % 4 = 0 CREATE (c)-[:V {v: CASE (c.i * r.j) % 3 WHEN 0 THEN 'yes' WHEN 1 THEN 'no' ELSE 'abstain' END, w: CASE (c.i * r.j) % 5 WHEN 0 THEN 1.5 WHEN 1 THEN 2 WHEN 2 THEN 'two' ELSE null END}]->(r);
CREATE (:C {code: 'lonely'})-[:V]->(:R {j: 99});

// @name: a share of yes votes per node key
MATCH (c:C)-[v:V]->(:R) RETURN c.code AS c, count(*) AS n, sum(CASE WHEN v.v = 'yes' THEN 1 ELSE 0 END) AS yes ORDER BY c;
// @expect-plan: Aggregation(fed once per value)
// @expect: rows ordered
// | c        | n | yes |
// | 'c1'     | 5 | 2   |
// | 'c10'    | 5 | 2   |
// | 'c11'    | 5 | 1   |
// | 'c12'    | 5 | 5   |
// | 'c2'     | 5 | 2   |
// | 'c3'     | 5 | 5   |
// | 'c4'     | 5 | 1   |
// | 'c5'     | 5 | 2   |
// | 'c6'     | 5 | 5   |
// | 'c7'     | 5 | 1   |
// | 'c8'     | 5 | 1   |
// | 'c9'     | 5 | 5   |
// | 'lonely' | 1 | 0   |

// @name: count of a CASE without ELSE, grouped by the node itself
MATCH (c:C)-[v:V]->() WITH c, count(v) AS n, count(CASE WHEN v.v = 'yes' THEN 1 END) AS yes RETURN c.code AS c, n, yes ORDER BY c;
// @expect-plan: Aggregation(fed once per value)
// @expect: rows ordered
// | c        | n | yes |
// | 'c1'     | 5 | 2   |
// | 'c10'    | 5 | 2   |
// | 'c11'    | 5 | 1   |
// | 'c12'    | 5 | 5   |
// | 'c2'     | 5 | 2   |
// | 'c3'     | 5 | 5   |
// | 'c4'     | 5 | 1   |
// | 'c5'     | 5 | 2   |
// | 'c6'     | 5 | 5   |
// | 'c7'     | 5 | 1   |
// | 'c8'     | 5 | 1   |
// | 'c9'     | 5 | 5   |
// | 'lonely' | 1 | 0   |

// @name: an average of integral floats, merged across nodes with equal keys
MATCH (c:C)-[v:V]->() RETURN c.i % 3 AS k, avg(CASE v.v WHEN 'yes' THEN 1.0 ELSE 0.0 END) AS share, count(*) AS n ORDER BY k;
// @expect-plan: Aggregation(fed once per value)
// @expect: rows ordered
// | k    | share | n  |
// | 0    | 1.0   | 20 |
// | 1    | 0.3   | 20 |
// | 2    | 0.3   | 20 |
// | null | 0.0   | 1  |

// @name: min, max and distinct aggregates of the property, no keys
MATCH ()-[v:V]->() RETURN min(v.v) AS lo, max(v.v) AS hi, count(DISTINCT v.v) AS kinds, size(collect(DISTINCT v.v)) AS seen, count(v.v) AS voted;
// @expect-plan: Aggregation(fed once per value)
// @expect: rows
// | lo        | hi    | kinds | seen | voted |
// | 'abstain' | 'yes' | 3     | 3    | 60    |

// @name: a property of mixed types: max by the ORDER BY order, count of non-nulls
MATCH (c:C)-[v:V]->() WHERE c.i <= 4 RETURN c.code AS c, max(v.w) AS hi, min(v.w) AS lo, count(v.w) AS n, sum(DISTINCT toInteger(v.w)) AS s ORDER BY c;
// @expect-plan: Aggregation(fed once per value)
// @expect: rows ordered
// | c    | hi | lo    | n | s |
// | 'c1' | 2  | 'two' | 3 | 3 |
// | 'c2' | 2  | 'two' | 3 | 3 |
// | 'c3' | 2  | 'two' | 3 | 3 |
// | 'c4' | 2  | 'two' | 3 | 3 |

// @name: beside a key that is also the property
MATCH (c:C)-[v:V]->() RETURN v.v AS vote, sum(CASE v.v WHEN 'yes' THEN 2 WHEN 'no' THEN -1 END) AS score, count(*) AS n ORDER BY vote;
// @expect-plan: Aggregation(fed once per value)
// @expect: rows ordered
// | vote      | score | n  |
// | 'abstain' | 0     | 14 |
// | 'no'      | -14   | 14 |
// | 'yes'     | 64    | 32 |
// | null      | 0     | 1  |

// @name: keys bound before the expansion
MATCH (c:C) WITH c.i % 2 AS parity, c MATCH (c)-[v:V]->() RETURN parity, sum(CASE WHEN v.v <> 'no' THEN 1 ELSE 0 END) AS not_no ORDER BY parity;
// @expect: rows ordered
// | parity | not_no |
// | 0      | 23     |
// | 1      | 23     |
// | null   | 0      |

// @name: a sum of fractions is summed row by row, in order
MATCH (c:C)-[v:V]->() WHERE c.i <= 2 RETURN c.code AS c, sum(CASE WHEN v.v = 'yes' THEN 0.1 ELSE 0.0 END) AS s ORDER BY c;
// @expect: rows ordered
// | c    | s   |
// | 'c1' | 0.2 |
// | 'c2' | 0.2 |

// @name: an overflowing weighted sum still overflows
MATCH (c:C)-[v:V]->() RETURN sum(CASE WHEN v.v = 'yes' THEN 9223372036854775807 ELSE 0 END) AS s;
// @expect: error ArithmeticError IntegerOverflow

// @name: a value of the wrong type is an error whatever the grouping
MATCH (c:C)-[v:V]->() RETURN c.code AS c, sum(CASE WHEN v.v = 'yes' THEN 1 ELSE 'x' END) AS s;
// @expect: error TypeError InvalidArgumentType

// @name: a relationship without the property counts as null
MATCH (c:C {code: 'lonely'})-[v:V]->() RETURN count(*) AS n, count(v.v) AS voted, max(v.v) AS hi, sum(CASE WHEN v.v IS NULL THEN 1 ELSE 0 END) AS missing;
// @expect-plan: Aggregation(fed once per value)
// @expect: rows
// | n | voted | hi   | missing |
// | 1 | 0     | null | 1       |
