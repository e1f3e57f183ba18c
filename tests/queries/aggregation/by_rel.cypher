// @graph: empty
// Grouping by a property of the relationship counted (`v.v`, or a pure
// function of it alone) is counted while expanding, one relationship
// standing for each value; an aggregation over a WITH that only names its
// keys and arguments reads the projected expressions directly.
UNWIND range(1, 12) AS i CREATE (:C {code: 'c' + i, i: i});
UNWIND range(1, 20) AS j CREATE (:R {j: j, d: date({year: 1990 + j % 4, month: 1, day: j}), important: j % 3 = 0, tag: 'r' + j});
MATCH (c:C), (r:R) WHERE (c.i + r.j) % 4 = 0 CREATE (c)-[:V {v: CASE (c.i * r.j) % 3 WHEN 0 THEN 'yes' WHEN 1 THEN 'no' ELSE 'abstain' END}]->(r);
CREATE (:R {j: 99, d: 'not a date'});
CREATE (:R {j: 98, d: 'not a date either'})<-[:W]-(:C {code: 'lonely'});

// @name: a relationship property as the key
MATCH (c)-[v]->(r) RETURN v.v AS vote, count(v) AS n ORDER BY vote;
// @expect-plan: Aggregation(counted while expanding by a relationship property)
// @expect: rows ordered
// | vote      | n  |
// | 'abstain' | 14 |
// | 'no'      | 14 |
// | 'yes'     | 32 |
// | null      | 1  |

// @name: with a node key and a function of the property
MATCH (c:C)-[v:V]->(r:R) WHERE c.i <= 3 RETURN c.code AS c, toUpper(v.v) AS vote, count(*) AS n ORDER BY c, vote;
// @expect-plan: Aggregation(by a relationship property)
// @expect: rows ordered
// | c    | vote      | n |
// | 'c1' | 'ABSTAIN' | 1 |
// | 'c1' | 'NO'      | 2 |
// | 'c1' | 'YES'     | 2 |
// | 'c2' | 'ABSTAIN' | 1 |
// | 'c2' | 'NO'      | 2 |
// | 'c2' | 'YES'     | 2 |
// | 'c3' | 'YES'     | 5 |

// @name: the key projected by a WITH first
MATCH (r:R)<-[v:V]-(c:C) WITH v.v AS vote RETURN vote, count(*) AS n ORDER BY vote;
// @expect-plan: Aggregation(by a relationship property)
// @expect: rows ordered
// | vote      | n  |
// | 'abstain' | 14 |
// | 'no'      | 14 |
// | 'yes'     | 32 |

// @name: a projected value the aggregation does not use still raises its error
MATCH (c)-[v]->(r) WITH v.v AS vote, 1 / 0 AS boom RETURN vote, count(*) AS n;
// @expect: error ArithmeticError DivisionByZero

// @name: distinct counts keep the plain grouping
MATCH (c:C)-[v:V]->(r:R) RETURN v.v AS vote, count(DISTINCT c) AS n ORDER BY vote;
// @expect: rows ordered
// | vote      | n  |
// | 'abstain' | 8  |
// | 'no'      | 8  |
// | 'yes'     | 12 |
