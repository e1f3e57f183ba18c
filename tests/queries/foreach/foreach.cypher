// @graph: empty

// @name: FOREACH creates once per element
FOREACH (i IN [1, 2, 3] | CREATE (:F {i: i}));
// @expect: ok nodes_created=3 properties_set=3

// @name: FOREACH over an empty list does nothing
FOREACH (i IN [] | CREATE (:G));
// @expect: ok nodes_created=0

// @name: FOREACH over null does nothing
FOREACH (i IN null | CREATE (:G));
// @expect: ok nodes_created=0

// @name: FOREACH sets properties on every node of a path
CREATE p = (:C {n: 1})-[:N]->(:C {n: 2})-[:N]->(:C {n: 3})
FOREACH (x IN nodes(p) | SET x.seen = true);
// @expect: ok nodes_created=3 relationships_created=2

// @name: every path node was marked
MATCH (c:C) WHERE c.seen RETURN count(c) AS c;
// @expect: rows
// | c |
// | 3 |

// @name: nested FOREACH
FOREACH (i IN [1, 2] | FOREACH (j IN ['a', 'b'] | CREATE (:Pair {i: i, j: j})));
// @expect: ok nodes_created=4

// @name: FOREACH with MERGE deduplicates
FOREACH (name IN ['x', 'y', 'x'] | MERGE (:Name {v: name}));
// @expect: ok nodes_created=2

// @name: FOREACH does not change the row count
UNWIND [1, 2] AS k FOREACH (i IN [1, 2, 3] | CREATE (:H)) RETURN k;
// @expect: rows nodes_created=6
// | k |
// | 1 |
// | 2 |

// @name: the FOREACH variable is not visible afterwards
FOREACH (i IN [1] | CREATE (:Z)) RETURN i;
// @expect: error SyntaxError UndefinedVariable

// @name: FOREACH with a DELETE
MATCH (h:H) WITH collect(h) AS hs FOREACH (h IN hs | DELETE h);
// @expect: ok nodes_deleted=6

// @name: FOREACH with REMOVE
MATCH (c:C) WITH collect(c) AS cs FOREACH (c IN cs | REMOVE c.seen);
// @expect: ok properties_set=3

// @name: properties after REMOVE in FOREACH
MATCH (c:C) RETURN count(c.seen) AS c;
// @expect: rows
// | c |
// | 0 |

// @name: FOREACH over a parameter list
// @param xs = [10, 20]
FOREACH (x IN $xs | CREATE (:P {x: x}));
// @expect: ok nodes_created=2
