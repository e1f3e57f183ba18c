// @graph: empty
// Both ends bound (`ExpandInto`): when the bound end repeats from row to
// row and both ends have 64 relationships or more, the relationships are
// found in a table of the bound end's relationships by other end instead
// of by a walk. These cases pin down that the answers (multiplicities,
// relationship tests, labels, direction) are those of the walk; the
// harness also runs them unoptimized.
UNWIND range(0, 69) AS i CREATE (:C {k: i});
// @expect: ok nodes_created=70
UNWIND range(0, 69) AS j CREATE (:R {j: j});
// @expect: ok nodes_created=70
MATCH (c:C), (r:R) CREATE (c)-[:V {w: (c.k + r.j) % 3}]->(r);
// @expect: ok relationships_created=4900
// a second relationship from C 0 to R 0, and one of another type
MATCH (c:C {k: 0}), (r:R {j: 0}) CREATE (c)-[:V {w: 7}]->(r), (c)-[:U]->(r);
// @expect: ok relationships_created=2

// @name: pairs of bound ends meeting through every R
MATCH (a:C) WHERE a.k < 3 MATCH (b:C) WHERE b.k < 3 AND a.k < b.k
MATCH (a)-[x:V]->(r:R)<-[y:V]-(b)
RETURN a.k AS a, b.k AS b, count(*) AS n, sum(CASE WHEN x.w = y.w THEN 1 ELSE 0 END) AS same;
// @expect-plan: ExpandInto(answered from its table)
// @expect: rows
// | a | b | n  | same |
// | 0 | 1 | 71 | 0    |
// | 0 | 2 | 71 | 0    |
// | 1 | 2 | 70 | 0    |

// @name: the bound end's relationships tested, parallel ones counted
MATCH (a:C {k: 0}) MATCH (b:C) WHERE b.k IN [0, 3]
MATCH (b)-[y:V]->(r:R)<-[x:V {w: 7}]-(a)
RETURN b.k AS b, count(*) AS n;
// @expect: rows
// | b | n |
// | 0 | 1 |
// | 3 | 1 |

// @name: parallel relationships in the order a walk finds them (newest first)
MATCH (a:C {k: 0}) UNWIND [1, 0] AS j MATCH (r:R {j: j}) MATCH (r)<-[x:V]-(a)
RETURN j, collect(x.w) AS ws;
// @expect: rows
// | j | ws     |
// | 1 | [1]    |
// | 0 | [7, 0] |

// @name: relationships of another type or direction are not found
MATCH (a:C) WHERE a.k < 2 MATCH (r:R) WHERE r.j < 70
MATCH (r)-[x]->(a)
RETURN count(x) AS n;
// @expect: rows
// | n |
// | 0 |

// @name: any type between bound ends, through the table
MATCH (a:C) WHERE a.k = 0 MATCH (r:R)
MATCH (a)-[x]->(r)
RETURN type(x) AS t, count(*) AS n;
// @expect: rows
// | t   | n  |
// | 'V' | 71 |
// | 'U' | 1  |

// A far end an index seek finds few of is sought right after the start,
// and the relationship found between two bound ends.
CREATE INDEX FOR (c:C) ON (c.k);
// @expect: ok

// @name: both ends sought by IN lists, the far one before the walk
MATCH (a:C)-[x:V]->(r:R)<-[y:V]-(b:C) WHERE a.k IN [0, 1] AND b.k IN [1, 2] AND a.k < b.k
RETURN a.k AS a, b.k AS b, count(*) AS n;
// @expect-plan: ExpandInto, NodeIndexSeek
// @expect: rows
// | a | b | n  |
// | 0 | 1 | 71 |
// | 0 | 2 | 71 |
// | 1 | 2 | 70 |

// @name: a far end sought by a value bound before
UNWIND [[0, 1], [1, 2], [2, 99]] AS p
MATCH (a:C {k: p[0]})-[x:V]->(r:R)<-[y:V {w: 0}]-(b:C {k: p[1]})
RETURN p[0] AS a, p[1] AS b, count(*) AS n;
// @expect-plan: ExpandInto
// @expect: rows
// | a | b | n  |
// | 0 | 1 | 23 |
// | 1 | 2 | 23 |

// @name: a far end sought by null finds nothing
MATCH (a:C {k: 0})-[x:V]->(r:R)<-[y:V]-(b:C {k: null}) RETURN count(*) AS n;
// @expect: rows
// | n |
// | 0 |
