// @graph: empty
// Keys that are functions of a node (`r.s`, `c.name`) are evaluated once
// per node, and the groups hold the node's class of equal key values, not
// the node: keys on both ends of a relationship make one group per pair of
// values, not per pair of nodes. DISTINCT of a projection plans as such a
// grouping with no aggregates. These cases pin down that the answers are
// those of grouping by value row by row (the harness also runs them
// unoptimized, and with every walk shared, where the classes are made for
// every node before the walk; in this small graph the optimized plan
// classes only where nodes are grouped row by row, see the unit tests of
// `plan::grouping` for where it classes before a walk).
CREATE (a:C {name: 'x', k: 1}), (b:C {name: 'x', k: 2}), (c:C {name: 'y', k: 1}),
       (r1:R {s: 1, z: 1}), (r2:R {s: 1, z: 1}), (r3:R {s: 2, z: 2}), (r4:R {z: 1}),
       (:R {s: 5, z: 0}),
       (a)-[:V]->(r1), (a)-[:V]->(r2), (a)-[:V]->(r3), (b)-[:V]->(r1), (b)-[:V]->(r4),
       (c)-[:V]->(r3), (c)-[:V]->(r2);

// @name: functions of both ends group by their values
MATCH (c:C)-[:V]->(r:R) RETURN c.name AS name, r.s AS s, count(*) AS n;
// @expect-plan: Aggregation(counted while expanding)
// @expect: rows
// | name | s    | n |
// | 'x'  | 1    | 3 |
// | 'x'  | 2    | 1 |
// | 'x'  | null | 1 |
// | 'y'  | 2    | 1 |
// | 'y'  | 1    | 1 |

// @name: several functions of one end are classed together
MATCH (c:C)-[:V]->(r:R) RETURN c.name AS name, r.s AS s, r.z AS z, count(*) AS n;
// @expect: rows
// | name | s    | z | n |
// | 'x'  | 1    | 1 | 3 |
// | 'x'  | 2    | 2 | 1 |
// | 'x'  | null | 1 | 1 |
// | 'y'  | 2    | 2 | 1 |
// | 'y'  | 1    | 1 | 1 |

// @name: a node beside a function of the other end
MATCH (c:C)-[:V]->(r:R) WITH DISTINCT c, r.s AS s RETURN c.k AS k, s;
// @expect-plan: Aggregation(0 aggregates)
// @expect: rows
// | k | s    |
// | 1 | 1    |
// | 1 | 2    |
// | 2 | 1    |
// | 2 | null |
// | 1 | 2    |
// | 1 | 1    |

// @name: DISTINCT of functions of both ends, in order
MATCH (c:C)-[:V]->(r:R) WITH DISTINCT c.name AS name, r.s AS s RETURN name, s ORDER BY name, s;
// @expect: rows ordered
// | name | s    |
// | 'x'  | 1    |
// | 'x'  | 2    |
// | 'x'  | null |
// | 'y'  | 1    |
// | 'y'  | 2    |

// @name: counting what DISTINCT kept
MATCH (c:C)-[:V]->(r:R) WITH DISTINCT c.name AS name, r.s AS s RETURN count(*) AS n;
// @expect: rows
// | n |
// | 5 |

// @name: DISTINCT keeps the order rows first appear in
MATCH (c:C)-[:V]->(r:R) WITH c, r ORDER BY c.k DESC, r.s DESC WITH DISTINCT c.k AS k RETURN collect(k) AS ks;
// @expect: rows
// | ks     |
// | [2, 1] |

// @name: DISTINCT through a WITH that renames a node and computes a key
MATCH (c:C)-[:V]->(r:R) WITH c, r.s AS s RETURN DISTINCT c.name AS name, s;
// @expect-plan: Aggregation(0 aggregates)
// @expect: rows
// | name | s    |
// | 'x'  | 1    |
// | 'x'  | 2    |
// | 'x'  | null |
// | 'y'  | 2    |
// | 'y'  | 1    |

// @name: a renamed node read twice and one left unused
MATCH (c:C)-[:V]->(r:R) WITH c, c AS d, r, r.s AS s RETURN d.name AS name, c.k AS k, s, count(*) AS n;
// @expect: rows
// | name | k | s    | n |
// | 'x'  | 1 | 1    | 2 |
// | 'x'  | 1 | 2    | 1 |
// | 'x'  | 2 | 1    | 1 |
// | 'x'  | 2 | null | 1 |
// | 'y'  | 1 | 2    | 1 |
// | 'y'  | 1 | 1    | 1 |

// @name: a computed key read twice is computed once, below
MATCH (c:C)-[:V]->(r:R) WITH c, r.s AS s RETURN DISTINCT s, s + 1 AS t;
// @expect: rows
// | s    | t    |
// | 1    | 2    |
// | 2    | 3    |
// | null | null |

// @name: a WITH's WHERE after DISTINCT may read a variable from before it
MATCH (c:C)-[:V]->(r:R) WITH DISTINCT c.name AS name WHERE c.name = 'y' RETURN name;
// @expect-plan: Distinct
// @expect: rows
// | name |
// | 'y'  |

// @name: a WHERE on the kept keys alone lets DISTINCT group
MATCH (c:C)-[:V]->(r:R) WITH DISTINCT c.name AS name, r.s AS s WHERE s > 1 RETURN name, s;
// @expect-plan: Aggregation(0 aggregates)
// @expect: rows
// | name | s |
// | 'x'  | 2 |
// | 'y'  | 2 |

// @name: DISTINCT under a LIMIT stays a streaming Distinct
MATCH (c:C)-[:V]->(r:R) RETURN DISTINCT c.name AS name LIMIT 5;
// @expect-plan: Distinct
// @expect: rows
// | name |
// | 'x'  |
// | 'y'  |

// @name: DISTINCT of a node's property over a scan groups by node first
MATCH (c:C) RETURN DISTINCT c.name AS name;
// @expect-plan: Aggregation(nodes classed by key value)
// @expect: rows
// | name |
// | 'x'  |
// | 'y'  |

// @name: a key that fails on a node no walk reaches raises nothing
MATCH (c:C)-[:V]->(r:R) RETURN c.name AS name, r.s / r.z AS q, count(*) AS n;
// @expect: rows
// | name | q    | n |
// | 'x'  | 1    | 4 |
// | 'x'  | null | 1 |
// | 'y'  | 1    | 2 |

// @name: distinct counts beside a function of the other end
MATCH (c:C)-[:V]->(r:R) RETURN r.s AS s, count(DISTINCT c) AS cs, count(DISTINCT c.name) AS names;
// @expect: rows
// | s    | cs | names |
// | 1    | 3  | 2     |
// | 2    | 2  | 2     |
// | null | 1  | 1     |

// @name: distinct counts of the end whose function is the key
MATCH (c:C)-[:V]->(r:R) RETURN c.name AS name, count(DISTINCT c) AS cs, count(DISTINCT r) AS rs;
// @expect: rows
// | name | cs | rs |
// | 'x'  | 2  | 4  |
// | 'y'  | 1  | 2  |

// @name: count(DISTINCT [a, b]) counts the groups of its elements
MATCH (c:C)-[:V]->(r:R) RETURN count(DISTINCT [c.name, r.s]) AS n;
// @expect-plan: Aggregation(0 aggregates)
// @expect: rows
// | n |
// | 5 |

// @name: count(DISTINCT e) beside a key counts non-null values per key
MATCH (c:C)-[:V]->(r:R) RETURN c.name AS name, count(DISTINCT r.s) AS n;
// @expect: rows
// | name | n |
// | 'x'  | 2 |
// | 'y'  | 2 |

// @name: count(DISTINCT [a, b]) of nothing is 0, and no groups with keys
MATCH (c:C)-[:V]->(r:R) WHERE r.s > 10 RETURN count(DISTINCT [c.name, r.s]) AS n;
// @expect: rows
// | n |
// | 0 |

MATCH (c:C)-[:V]->(r:R) WHERE r.s > 10 RETURN c.name AS name, count(DISTINCT [c.k, r.s]) AS n;
// @expect: rows
// | name | n |

// @name: a null node and a node can give equal keys: one group
MATCH (r:R) OPTIONAL MATCH (r)<-[:V]-(c:C {k: 2}) RETURN coalesce(c.name, 'x') AS name, count(*) AS n;
// @expect-plan: Aggregation(grouped by node first)
// @expect: rows
// | name | n |
// | 'x'  | 5 |

MATCH (c:C {name: 'y'}) CREATE (c)-[:W]->(:R {s: 3, z: 0});
// @expect: ok relationships_created=1

// @name: a key that fails on a node a walk reaches raises its error
MATCH (c:C)-[:W]->(r:R) RETURN c.name AS name, r.s / r.z AS q, count(*) AS n;
// @expect: error ArithmeticError DivisionByZero
