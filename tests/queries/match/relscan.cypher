// @graph: empty
// Relationship scans (Op::RelScan) and property tests fused into scans and
// expansions (optimize::fuse_filters). Each case runs optimized (scan /
// fused) and unoptimized (node scan + expand + filter): both must agree.
CREATE (a:C {name: 'a'}), (b:C {name: 'b'}), (c:C {name: 'c'}), (r1:R {id: 1}), (r2:R {id: 2}), (x:X {name: 'x'}),
       (a)-[:V {vote: 'yes'}]->(r1), (a)-[:V {vote: 'no'}]->(r2),
       (b)-[:V {vote: 'no'}]->(r1), (b)-[:V {vote: 'no'}]->(r2),
       (c)-[:V {vote: 'yes'}]->(r1), (c)-[:V]->(r2),
       (x)-[:V {vote: 'no'}]->(r1),
       (a)-[:K {w: 1}]->(b), (b)-[:K {w: 2}]->(a), (c)-[:K {w: 1}]->(c);

// @name: a pattern with no selective node starts from a relationship scan
MATCH (c:C)-[v:V {vote: 'no'}]->(:R) RETURN c.name AS name, count(*) AS n ORDER BY n DESC, name;
// @expect: rows ordered
// | name | n |
// | 'b'  | 2 |
// | 'a'  | 1 |
// @expect-plan: RelationshipScan

// @name: labels on both ends of a scanned relationship are checked
MATCH (c:C)-[v:V]->(r:R) RETURN count(*) AS n;
// @expect: rows
// | n |
// | 6 |
// @expect-plan: RelationshipScan

// @name: the scan's end labels exclude other sources
MATCH (x:X)-[v:V {vote: 'no'}]->(r) RETURN x.name AS name, r.id AS id;
// @expect: rows
// | name | id |
// | 'x'  | 1  |

// @name: WHERE on the relationship's property is fused like a pattern property
MATCH (c)-[v:V]->(r) WHERE v.vote = 'yes' RETURN c.name AS name, r.id AS id;
// @expect: rows
// | name | id |
// | 'a'  | 1  |
// | 'c'  | 1  |

// @name: a missing property never equals
MATCH (c)-[v:V]->(r:R {id: 2}) WHERE v.vote = 'yes' RETURN count(*) AS n;
// @expect: rows
// | n |
// | 0 |

// @name: a null value never equals, even a missing property
MATCH (c)-[v:V]->(r) WHERE v.vote = null RETURN count(*) AS n;
// @expect: rows
// | n |
// | 0 |

// @name: a parameter as the value
// @param vote = 'no'
MATCH ()-[v:V {vote: $vote}]->() RETURN count(*) AS n;
// @expect: rows
// | n |
// | 4 |

// @name: an undirected scan binds each relationship both ways round
MATCH (p)-[k:K]-(q) RETURN p.name AS p, q.name AS q, k.w AS w;
// @expect: rows
// | p   | q   | w |
// | 'a' | 'b' | 1 |
// | 'b' | 'a' | 1 |
// | 'b' | 'a' | 2 |
// | 'a' | 'b' | 2 |
// | 'c' | 'c' | 1 |

// @name: an incoming arrow scans with the ends swapped
MATCH (r:R)<-[v:V {vote: 'yes'}]-(c) RETURN r.id AS id, c.name AS name;
// @expect: rows
// | id | name |
// | 1  | 'a'  |
// | 1  | 'c'  |

// @name: a self-loop matches a pattern with the same variable at both ends
MATCH (p)-[k:K]->(p) RETURN p.name AS name;
// @expect: rows
// | name |
// | 'c'  |

// @name: two relationships of one pattern stay distinct
MATCH (p)-[k1:K]->(q), (s)-[k2:K]->(t) WHERE k1.w = 1 AND k2.w = 1 RETURN count(*) AS n;
// @expect: rows
// | n |
// | 2 |

// @name: a comparison with another relationship's property is fused into the expansion
MATCH (a:C {name: 'a'})-[x:V]->(r)<-[y:V]-(c:C) WHERE x.vote = y.vote AND c <> a RETURN c.name AS name, r.id AS id;
// @expect: rows
// | name | id |
// | 'c'  | 1  |
// | 'b'  | 2  |

// @name: an inequality is fused too; a missing property is neither equal nor unequal
MATCH (a:C {name: 'a'})-[x:V]->(r)<-[y:V]-(c) WHERE x.vote <> y.vote RETURN c.name AS name, r.id AS id;
// @expect: rows
// | name | id |
// | 'b'  | 1  |
// | 'x'  | 1  |

// @name: ordering comparisons, the value on either side
MATCH (p)-[k:K]->(q) WHERE 1 < k.w RETURN p.name AS p, q.name AS q;
// @expect: rows
// | p   | q   |
// | 'b' | 'a' |

// @name: ordering comparisons with the property on the left
MATCH (p)-[k:K]->(q) WHERE k.w <= 1 AND k.w >= 1 RETURN p.name AS p, q.name AS q;
// @expect: rows
// | p   | q   |
// | 'a' | 'b' |
// | 'c' | 'c' |

// @name: comparing across types is null, so no row passes
MATCH (p)-[k:K]->(q) WHERE k.w < 'z' RETURN count(*) AS n;
// @expect: rows
// | n |
// | 0 |

// @name: the value's error is reported when a relationship is read
MATCH (c)-[v:V]->(r) WHERE v.vote = 1 / 0 RETURN count(*) AS n;
// @expect: error ArithmeticError DivisionByZero

// @name: no relationship of the type, no rows and no error from the value
MATCH (c)-[v:NONE]->(r) WHERE v.vote = 1 / 0 RETURN count(*) AS n;
// @expect: rows
// | n |
// | 0 |

// @name: a scan followed by a write sees the graph as it was
MATCH (c:C)-[v:V {vote: 'no'}]->(r:R) CREATE (c)-[:V {vote: 'no'}]->(r);
// @expect: ok relationships_created=3

// @name: after the write
MATCH ()-[v:V {vote: 'no'}]->() RETURN count(*) AS n;
// @expect: rows
// | n |
// | 7 |

// @name: a WHERE equality on an indexed property chooses the start like a pattern property
CREATE INDEX c_name IF NOT EXISTS FOR (n:C) ON (n.name);
// @expect: ok

// other relationships, so that scanning them all costs more than a seek
UNWIND range(1, 200) AS i CREATE (:Z)-[:Z]->(:Z);

// @name: the seek is used though the property is only in WHERE
MATCH (r:R)<-[x:V]-(a:C) WHERE a.name = 'a' AND x.vote = 'no' RETURN r.id AS id, count(*) AS n;
// @expect: rows
// | id | n |
// | 2  | 2 |
// @expect-plan: NodeIndexSeek

// @name: a label test in WHERE on the node an expansion reaches
MATCH (a:C {name: 'a'})-[x:V]->(r) WHERE r:R AND x.vote = 'no' RETURN r.id AS id;
// @expect: rows
// | id |
// | 2  |
// | 2  |

// @name: a node inequality is tested inside the expansion; against null it passes nothing
MATCH (a:C {name: 'a'}) OPTIONAL MATCH (a)-[:NONE]->(z) WITH a, z MATCH (a)-[x:V]->(r)<-[y:V]-(c) WHERE c <> z RETURN count(*) AS n;
// @expect: rows
// | n |
// | 0 |

// @name: against a value that is not a node it passes everything
MATCH (a:C {name: 'a'}) WITH a, 1 AS one MATCH (a)-[x:V]->(r)<-[y:V]-(c) WHERE c <> one AND c <> a RETURN c.name AS name, count(*) AS n;
// @expect: rows
// | name | n |
// | 'b'  | 6 |
// | 'c'  | 3 |
// | 'x'  | 1 |
