// @graph: empty
// Counting inside the expansion (exec/fused.rs): an aggregation that only
// counts what an Expand or RelationshipScan finds is computed while the
// adjacency is walked. These cases pin down that every kind of key and
// count gives the answer of counting rows.
CREATE (a:C {name: 'x', k: 1}), (b:C {name: 'x', k: 2}), (c:C {name: 'y'}), (d:C),
       (r1:R {id: 1}), (r2:R {id: 2}), (r3:R {id: 3}),
       (a)-[:V {v: 'yes'}]->(r1), (a)-[:V {v: 'no'}]->(r2), (a)-[:V {v: 'no'}]->(r3),
       (b)-[:V {v: 'no'}]->(r1), (b)-[:V]->(r2),
       (c)-[:V {v: 'yes'}]->(r1), (c)-[:V {v: 'yes'}]->(r1),
       (d)-[:W]->(r3), (a)-[:W]->(a);

// @name: grouped by the reached node's property: nodes sharing a value merge
MATCH (r:R)<-[v:V]-(c:C) RETURN c.name AS name, count(*) AS n;
// @expect: rows
// | name | n |
// | 'x'  | 5 |
// | 'y'  | 2 |

// @name: grouped by the reached node's property, with count(r)
MATCH (r:R {id: 1})<-[v:V]-(c) RETURN c.k AS k, count(v) AS n;
// @expect: rows
// | k    | n |
// | 1    | 1 |
// | 2    | 1 |
// | null | 2 |

// @name: a key bound before the expansion, and the reached node
MATCH (r:R)<-[:V]-(c:C) RETURN r.id AS id, c.name AS name, count(*) AS n;
// @expect: rows
// | id | name | n |
// | 1  | 'x'  | 2 |
// | 1  | 'y'  | 2 |
// | 2  | 'x'  | 2 |
// | 3  | 'x'  | 1 |

// @name: no keys: count(*) and count(DISTINCT) of the reached node
MATCH (r:R)<-[:V]-(c) RETURN count(*) AS n, count(DISTINCT c) AS nodes;
// @expect: rows
// | n | nodes |
// | 7 | 3     |

// @name: count(DISTINCT) per group of a key bound before
MATCH (c:C)-[:V]->(r) RETURN c.name AS name, count(DISTINCT r) AS res;
// @expect: rows
// | name | res |
// | 'x'  | 3   |
// | 'y'  | 1   |

// @name: a relationship property comparison fused into the scan
MATCH (c:C)-[v:V {v: 'no'}]->(:R) RETURN c.name AS name, count(*) AS n;
// @expect: rows
// | name | n |
// | 'x'  | 3 |

// @name: a relationship scan grouped by both ends
MATCH (c)-[:V {v: 'yes'}]->(r) RETURN c.name AS name, r.id AS id, count(*) AS n;
// @expect: rows
// | name | id | n |
// | 'x'  | 1  | 1 |
// | 'y'  | 1  | 2 |

// @name: an undirected relationship scan counts each direction, a self-loop once
MATCH (x)-[:W]-(y) RETURN x.name AS name, count(*) AS n, count(DISTINCT y) AS ends;
// @expect: rows
// | name | n | ends |
// | 'x'  | 1 | 1    |
// | null | 2 | 2    |

// @name: nothing found: no groups with keys, one zero group without
MATCH (c:C)-[:NONE]->(r) RETURN c.name AS name, count(*) AS n;
// @expect: rows
// | name | n |

// @name: nothing found and no keys: a single zero
MATCH (c:C)-[:NONE]->(r) RETURN count(*) AS n, count(DISTINCT r) AS d;
// @expect: rows
// | n | d |
// | 0 | 0 |

// @name: a key that fails to evaluate fails only when a relationship is found
MATCH (c:C) MATCH (c)-[:NONE]->(r) RETURN toInteger(c) AS k, count(*) AS n;
// @expect: rows
// | k | n |

// @name: the same failing key with relationships found is an error
MATCH (c:C) MATCH (c)-[:V]->(r) RETURN toInteger(c) AS k, count(*) AS n;
// @expect: error TypeError InvalidArgumentValue

// @name: a writing statement counts by value (a property may change meanwhile)
MATCH (c:C) SET c.seen = true WITH c MATCH (c)-[:V]->(r) RETURN c.name AS name, count(*) AS n;
// @expect: rows
// | name | n |
// | 'x'  | 5 |
// | 'y'  | 2 |

// @name: IN on a relationship's property is tested inside the expansion; null and other types never match
MATCH (c:C)-[v:V]->(r:R) WHERE v.v IN ['no', null, 1] RETURN c.name AS name, count(*) AS n;
// @expect: rows
// | name | n |
// | 'x'  | 3 |

// @name: IN with a list built from the row, per input row
MATCH (r:R {id: 1})<-[a:V]-(c:C) WITH c, a MATCH (c)-[b:V]->(x) WHERE b.v IN [a.v] RETURN x.id AS id, count(*) AS n;
// @expect: rows
// | id | n |
// | 1  | 6 |

// @name: IN null matches nothing
MATCH (c:C)-[v:V]->(r) WHERE v.v IN null RETURN count(*) AS n;
// @expect: rows
// | n |
// | 0 |

// @name: IN something that is not a list is the error the unfused IN raises
MATCH (c:C {name: 'y'}) MATCH (c)-[v:V]->(r) WHERE v.v IN c.name RETURN count(*) AS n;
// @expect: error TypeError InvalidArgumentType

// @name: a comparison of the reached node's property is tested inside the expansion
MATCH (r:R {id: 1})<-[a:V]-(c:C) MATCH (c)-[b:V]->(x:R) WHERE x.id <> 1 RETURN x.id AS id, count(*) AS n;
// @expect: rows
// | id | n |
// | 2  | 2 |
// | 3  | 1 |

// @name: the reached node's property against null passes nothing
// @param none = null
MATCH (r:R)<-[a:V]-(c:C) MATCH (c)-[b:V]->(x:R) WHERE x.id > r.id AND x.id <> $none RETURN count(*) AS n;
// @expect: rows
// | n |
// | 0 |

// @name: the reached node's property against a value from the row
MATCH (r:R)<-[a:V]-(c:C) MATCH (c)-[b:V]->(x:R) WHERE x.id > r.id RETURN r.id AS from, count(*) AS n;
// @expect: rows
// | from | n |
// | 1    | 3 |
// | 2    | 1 |

// @name: count(DISTINCT) of the reached node's property counts values, not nodes, and not null
MATCH (r:R)<-[v:V]-(c) RETURN count(DISTINCT c.name) AS names, count(DISTINCT c) AS nodes;
// @expect: rows
// | names | nodes |
// | 2     | 3     |

// @name: count(DISTINCT) of a property per key bound before
MATCH (r:R)<-[v:V]-(c) RETURN r.id AS id, count(DISTINCT c.name) AS names;
// @expect: rows
// | id | names |
// | 1  | 2     |
// | 2  | 1     |
// | 3  | 1     |
