// @graph: empty
// Predicates of one node alone (`r.d.year = 1991`, `r.important`,
// `toString(r.d) STARTS WITH ...`) move into the expansion or scan that
// reaches the node and are tested once per node; an error one raises is
// reported only when a relationship leads to that node.
UNWIND range(1, 12) AS i CREATE (:C {code: 'c' + i, i: i});
UNWIND range(1, 20) AS j CREATE (:R {j: j, d: date({year: 1990 + j % 4, month: 1, day: j}), important: j % 3 = 0, tag: 'r' + j});
MATCH (c:C), (r:R) WHERE (c.i + r.j) % 4 = 0 CREATE (c)-[:V {v: CASE (c.i * r.j) % 3 WHEN 0 THEN 'yes' WHEN 1 THEN 'no' ELSE 'abstain' END}]->(r);
CREATE (:R {j: 99, d: 'not a date'});
CREATE (:R {j: 98, d: 'not a date either'})<-[:W]-(:C {code: 'lonely'});

// @name: a function of the reached node's property, over a scan
MATCH (c:C)-[v:V]->(r:R) WHERE r.d.year = 1991 RETURN v.v AS vote, count(*) AS n ORDER BY vote;
// @expect-plan: RelationshipScan(#1 tested once per node)
// @expect: rows ordered
// | vote      | n |
// | 'abstain' | 4 |
// | 'no'      | 4 |
// | 'yes'     | 7 |

// @name: a bare boolean property, no labels
MATCH (c)-[v:V]->(r) WHERE r.important RETURN c.code AS code, count(*) AS n ORDER BY code;
// @expect: rows ordered
// | code  | n |
// | 'c1'  | 2 |
// | 'c10' | 2 |
// | 'c11' | 1 |
// | 'c12' | 1 |
// | 'c2'  | 2 |
// | 'c3'  | 1 |
// | 'c4'  | 1 |
// | 'c5'  | 2 |
// | 'c6'  | 2 |
// | 'c7'  | 1 |
// | 'c8'  | 1 |
// | 'c9'  | 2 |

// @name: tests on both ends
MATCH (r:R)<-[v:V]-(c:C) WHERE toString(r.d) STARTS WITH '1993' AND c.i % 2 = 1 RETURN r.j AS j, count(*) AS n ORDER BY j;
// @expect: rows ordered
// | j  | n |
// | 3  | 3 |
// | 7  | 3 |
// | 11 | 3 |
// | 15 | 3 |
// | 19 | 3 |

// @name: a test on the node an expansion reaches, rows made
MATCH (c:C)-[v:V]->(r:R) WHERE r.important AND c.i > 6 RETURN c.code AS c, r.j AS j ORDER BY c, j;
// @expect: rows ordered
// | c     | j  |
// | 'c10' | 6  |
// | 'c10' | 18 |
// | 'c11' | 9  |
// | 'c12' | 12 |
// | 'c7'  | 9  |
// | 'c8'  | 12 |
// | 'c9'  | 3  |
// | 'c9'  | 15 |

// @name: from one node, the test is on the expansion
MATCH (c:C {code: 'c3'})-[v:V]->(r:R) WHERE r.d.year = 1991 RETURN r.j AS j ORDER BY j;
// @expect-plan: Expand(tested once per node)
// @expect: rows ordered
// | j  |
// | 1  |
// | 5  |
// | 9  |
// | 13 |
// | 17 |

// @name: a node no relationship of the pattern reaches raises nothing
MATCH (c:C)-[v:V]->(r:R) WHERE r.d.year = 1991 RETURN count(*) AS n;
// @expect: rows
// | n  |
// | 15 |

// @name: a node the pattern reaches raises the predicate's error
MATCH (c:C)-[w:W]->(r:R) WHERE r.d.year = 1991 RETURN count(*) AS n;
// @expect: error TypeError InvalidArgumentType

// @name: the same on the write path, where each relationship tests anew
MATCH (c:C)-[v:V]->(r:R) WHERE r.d.year = 1991 SET r.seen = true RETURN count(DISTINCT r) AS n;
// @expect: rows
// | n |
// | 5 |

// @name: a subquery's plan is optimized too (its WHERE fused into the walk)
MATCH (c:C) WHERE COUNT { (c)-[v:V]->(r) WHERE v.v = 'yes' AND r.important } = 0 RETURN c.code AS code ORDER BY code;
// @expect: rows ordered
// | code     |
// | 'lonely' |

// @name: an equality with a variable bound before is priced as a key: start there
UNWIND [3, 8] AS y MATCH (c:C)-[v:V]->(r:R) WHERE r.j = y RETURN y, count(*) AS n ORDER BY y;
// @expect-plan: NodeByLabelScan(:R)
// @expect: rows ordered
// | y | n |
// | 3 | 3 |
// | 8 | 3 |

// @name: a filter on projected property reads moves below the projection and fuses
MATCH (c:C)-[v:V]->() WITH c.code AS name, v.v AS vote WHERE vote = 'no' RETURN name, count(*) AS n ORDER BY n DESC, name LIMIT 3;
// @expect-plan: RelationshipScan({v = 'no'})
// @expect: rows ordered
// | name  | n |
// | 'c1'  | 2 |
// | 'c11' | 2 |
// | 'c2'  | 2 |
