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
