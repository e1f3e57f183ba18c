// @graph: empty
// Relationship uniqueness: within one MATCH a relationship is used once.
CREATE (a:N {name: 'a'})-[:R]->(b:N {name: 'b'});

// @name: a single relationship cannot be traversed twice in one pattern
MATCH (x)-[r1]-(y)-[r2]-(z) RETURN x.name AS x, z.name AS z;
// @expect: rows
// | x | z |

// @name: the same pattern split over two MATCH clauses may reuse it
MATCH (x)-[r1]-(y) MATCH (y)-[r2]-(z) RETURN x.name AS x, z.name AS z;
// @expect: rows
// | x   | z   |
// | 'a' | 'a' |
// | 'b' | 'b' |

// @name: comma-separated patterns share uniqueness
MATCH (x)-[r1]->(y), (p)-[r2]->(q) RETURN count(*) AS c;
// @expect: rows
// | c |
// | 0 |

// @name: nodes may repeat, relationships may not
CREATE (c:N {name: 'c'}) WITH c MATCH (a:N {name: 'a'}) CREATE (a)-[:R]->(c);
// @expect: ok nodes_created=1 relationships_created=1 labels_added=1 properties_set=1

// @name: two different relationships from the same start node
MATCH (b)<-[r1]-(a)-[r2]->(c) RETURN b.name AS b, c.name AS c;
// @expect: rows
// | b   | c   |
// | 'b' | 'c' |
// | 'c' | 'b' |
