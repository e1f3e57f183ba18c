// @graph: empty
// Grouping by a node's property (`c.name`) groups by the node first and
// merges nodes that share the value at the end (read-only statements with
// count/min/max); these cases pin down that the answer is the same as
// grouping by the value directly.
CREATE (a:C {name: 'x', n: 1}), (b:C {name: 'x', n: 5}), (c:C {name: 'y', n: 2}), (d:C {n: 7}), (e:C {n: 9}),
       (a)-[:V]->(:R), (a)-[:V]->(:R), (b)-[:V]->(:R), (c)-[:V]->(:R), (d)-[:V]->(:R), (e)-[:V]->(:R);

// @name: two nodes with the same value are one group
MATCH (c:C)-[:V]->() RETURN c.name AS name, count(*) AS n;
// @expect: rows
// | name | n |
// | 'x'  | 3 |
// | 'y'  | 1 |
// | null | 2 |

// @name: min and max merge across the nodes of a group
MATCH (c:C)-[:V]->() RETURN c.name AS name, min(c.n) AS lo, max(c.n) AS hi, count(c.n) AS k;
// @expect: rows
// | name | lo | hi | k |
// | 'x'  | 1  | 5  | 3 |
// | 'y'  | 2  | 2  | 1 |
// | null | 7  | 9  | 2 |

// @name: a node property beside another key
MATCH (c:C)-[:V]->() RETURN c.name AS name, c.n > 4 AS big, count(*) AS n;
// @expect: rows
// | name | big   | n |
// | 'x'  | false | 2 |
// | 'x'  | true  | 1 |
// | 'y'  | false | 1 |
// | null | true  | 2 |

// @name: a null node (OPTIONAL MATCH) groups as a null key
MATCH (r:R) OPTIONAL MATCH (r)<-[:NONE]-(c) RETURN c.name AS name, count(*) AS n;
// @expect: rows
// | name | n |
// | null | 6 |

// @name: aggregates that do not merge (sum, collect, DISTINCT) group by value
MATCH (c:C)-[:V]->() RETURN c.name AS name, sum(c.n) AS s, count(DISTINCT c) AS nodes;
// @expect: rows
// | name | s  | nodes |
// | 'x'  | 7  | 2     |
// | 'y'  | 2  | 1     |
// | null | 16 | 2     |

// @name: a writing statement groups by value (a property may change meanwhile)
MATCH (c:C)-[:V]->() SET c.seen = true RETURN c.name AS name, count(*) AS n;
// @expect: rows
// | name | n |
// | 'x'  | 3 |
// | 'y'  | 1 |
// | null | 2 |

// @name: any pure function of one node's properties is grouped by node first
MATCH (c:C)-[:V]->() RETURN c.n % 2 = 0 AS even, count(*) AS n;
// @expect-plan: Aggregation(grouped by node first)
// @expect: rows
// | even  | n |
// | false | 5 |
// | true  | 1 |

// @name: a function of a string property, nulls and merging included
MATCH (c:C)-[:V]->() RETURN toUpper(c.name) + '!' AS u, max(c.n) AS hi;
// @expect-plan: Aggregation(grouped by node first)
// @expect: rows
// | u    | hi |
// | 'X!' | 5  |
// | 'Y!' | 2  |
// | null | 9  |

// @name: rand() is not pure: the key stays per row (the answer is the same)
MATCH (c:C)-[:V]->() RETURN c.n + toInteger(rand() * 0) AS k, count(*) AS n ORDER BY k;
// @expect: rows ordered
// | k | n |
// | 1 | 2 |
// | 2 | 1 |
// | 5 | 1 |
// | 7 | 1 |
// | 9 | 1 |

// @name: a key that fails for a node fails the statement, as per row
MATCH (c:C)-[:V]->() RETURN c.name.x AS k, count(*) AS n;
// @expect: error TypeError InvalidArgumentType

CREATE (:Y {d: date('2001-05-01')})<-[:W]-(:Z), (:Y {d: date('2001-09-01')})<-[:W]-(:Z),
       (y:Y {d: date('2003-01-01')}), (y)<-[:W]-(:Z), (y)<-[:W]-(:Z), (:Y)<-[:W]-(:Z);

// @name: a key computed from the node an expansion reaches is counted per node
MATCH (:Z)-[w:W]->(y:Y) RETURN y.d.year AS year, count(w) AS n;
// @expect-plan: Aggregation(counted while expanding)
// @expect: rows
// | year | n |
// | 2001 | 2 |
// | 2003 | 2 |
// | null | 1 |

// @name: the same from a relationship scan
MATCH ()-[w:W]->(y) RETURN y.d.year AS year, count(*) AS n;
// @expect-plan: Aggregation(counted while expanding)
// @expect: rows
// | year | n |
// | 2001 | 2 |
// | 2003 | 2 |
// | null | 1 |

// @name: two keys, each a function of a different end
MATCH (z)-[w:W]->(y) RETURN labels(z)[0] AS l, y.d.month AS m, count(*) AS n;
// @expect-plan: Aggregation(counted while expanding)
// @expect: rows
// | l   | m    | n |
// | 'Z' | 1    | 2 |
// | 'Z' | 5    | 1 |
// | 'Z' | 9    | 1 |
// | 'Z' | null | 1 |
