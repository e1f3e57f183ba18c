// @graph: empty
// Where a pattern starts: the WHERE's `IN` lists on indexed properties are
// priced as index seeks (one per element), and `id(a) <> id(b)` of two
// nodes is the node inequality the expansion tests in place.
CREATE INDEX c_code FOR (n:C) ON (n.code);
UNWIND range(1, 40) AS i CREATE (:C {code: 'c' + i, i: i});
UNWIND range(1, 30) AS j CREATE (:R {j: j});
MATCH (c:C), (r:R) WHERE (c.i + r.j) % 3 = 0 CREATE (c)-[:V {v: (c.i * r.j) % 2}]->(r);

// @name: an IN list on one end starts there, with a seek
MATCH (a:C)-[x:V]->(r:R) WHERE a.code IN ['c1', 'c2', 'c3'] RETURN a.code AS code, count(*) AS n ORDER BY code;
// @expect-plan: NodeIndexSeek(IN)
// @expect: rows ordered
// | code | n  |
// | 'c1' | 10 |
// | 'c2' | 10 |
// | 'c3' | 10 |

// @name: IN lists on both ends of a two-hop pattern
MATCH (a:C)-[x:V]->(r:R)<-[y:V]-(b:C) WHERE a.code IN ['c1', 'c2'] AND b.code IN ['c4', 'c5', 'c7'] AND x.v = y.v
RETURN a.code AS a, b.code AS b, count(*) AS n ORDER BY a, b;
// @expect-plan: NodeIndexSeek(IN)
// @expect: rows ordered
// | a    | b    | n  |
// | 'c1' | 'c4' | 5  |
// | 'c1' | 'c7' | 10 |
// | 'c2' | 'c5' | 5  |

// @name: an IN list given as a parameter
// @param codes = ['c10', 'c11', 'nope']
MATCH (a:C)-[x:V]->(r:R) WHERE a.code IN $codes RETURN a.code AS code, count(*) AS n ORDER BY code;
// @expect-plan: NodeIndexSeek(IN)
// @expect: rows ordered
// | code  | n  |
// | 'c10' | 10 |
// | 'c11' | 10 |

// @name: id(a) <> id(b) is tested by the expansion, as a <> b is
MATCH (a:C {code: 'c3'})-[x:V]->(r:R)<-[y:V]-(b:C) WHERE x.v = y.v AND id(b) <> id(a) RETURN count(*) AS n;
// @expect-plan: Expand(<>)
// @expect: rows
// | n  |
// | 90 |

// @name: the same written a <> b
MATCH (a:C {code: 'c3'})-[x:V]->(r:R)<-[y:V]-(b:C) WHERE x.v = y.v AND b <> a RETURN count(*) AS n;
// @expect: rows
// | n  |
// | 90 |

// @name: id() equality of two nodes
MATCH (a:C {code: 'c3'})-[x:V]->(r:R)<-[y:V]-(b:C) WHERE id(b) = id(a) RETURN count(*) AS n;
// @expect: rows
// | n |
// | 0 |

// @name: id() of a node against id() of a relationship is compared as numbers
MATCH (a:C {code: 'c3'})-[x:V]->(r:R) WHERE id(a) <> id(x) RETURN count(*) AS n;
// @expect: rows
// | n  |
// | 10 |

// @name: elementId() inequality
MATCH (a:C {code: 'c3'})-[x:V]->(r:R)<-[y:V]-(b:C) WHERE elementId(a) <> elementId(b) RETURN count(*) AS n;
// @expect: rows
// | n   |
// | 120 |

// @name: id() of a null node (OPTIONAL MATCH) compares as null
MATCH (a:C {code: 'c3'}) OPTIONAL MATCH (a)-[:NONE]->(z) WITH a, z WHERE id(a) <> id(z) RETURN count(*) AS n;
// @expect: rows
// | n |
// | 0 |
