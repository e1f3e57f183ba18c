// @graph: empty
// Variable-length patterns on a chain a->b->c->d and a cycle x->y->z->x.
CREATE (a:C {name: 'a'})-[:NEXT]->(b:C {name: 'b'})-[:NEXT]->(c:C {name: 'c'})-[:NEXT]->(d:C {name: 'd'});
CREATE (x:Cy {name: 'x'})-[:LOOP]->(y:Cy {name: 'y'})-[:LOOP]->(z:Cy {name: 'z'})-[:LOOP]->(x);

// @name: star means one or more hops
MATCH ({name: 'a'})-[:NEXT*]->(n) RETURN n.name AS n;
// @expect: rows
// | n   |
// | 'b' |
// | 'c' |
// | 'd' |

// @name: exact length
MATCH ({name: 'a'})-[:NEXT*2]->(n) RETURN n.name AS n;
// @expect: rows
// | n   |
// | 'c' |

// @name: bounded range
MATCH ({name: 'a'})-[:NEXT*1..2]->(n) RETURN n.name AS n;
// @expect: rows
// | n   |
// | 'b' |
// | 'c' |

// @name: upper bound only
MATCH ({name: 'a'})-[:NEXT*..2]->(n) RETURN n.name AS n;
// @expect: rows
// | n   |
// | 'b' |
// | 'c' |

// @name: lower bound only
MATCH ({name: 'a'})-[:NEXT*2..]->(n) RETURN n.name AS n;
// @expect: rows
// | n   |
// | 'c' |
// | 'd' |

// @name: zero length includes the start node
MATCH ({name: 'a'})-[:NEXT*0..]->(n) RETURN n.name AS n;
// @expect: rows
// | n   |
// | 'a' |
// | 'b' |
// | 'c' |
// | 'd' |

// @name: exactly zero hops
MATCH (s {name: 'b'})-[:NEXT*0]->(n) RETURN n.name AS n;
// @expect: rows
// | n   |
// | 'b' |

// @name: range 1..3 and the relationship list
MATCH ({name: 'a'})-[rs:NEXT*1..3]->(n) RETURN n.name AS n, size(rs) AS hops;
// @expect: rows
// | n   | hops |
// | 'b' | 1    |
// | 'c' | 2    |
// | 'd' | 3    |

// @name: range larger than the graph
MATCH ({name: 'a'})-[:NEXT*..5]->(n) RETURN count(n) AS c;
// @expect: rows
// | c |
// | 3 |

// @name: incoming variable length
MATCH ({name: 'd'})<-[:NEXT*]-(n) RETURN n.name AS n;
// @expect: rows
// | n   |
// | 'a' |
// | 'b' |
// | 'c' |

// @name: undirected variable length
MATCH ({name: 'b'})-[:NEXT*1..2]-(n) RETURN n.name AS n;
// @expect: rows
// | n   |
// | 'a' |
// | 'c' |
// | 'd' |

// @name: cyclic graph terminates because relationships are not reused
MATCH ({name: 'x'})-[:LOOP*]->(n) RETURN n.name AS n;
// @expect: rows
// | n   |
// | 'y' |
// | 'z' |
// | 'x' |

// @name: cyclic graph with zero lower bound
MATCH ({name: 'x'})-[:LOOP*0..]->(n) RETURN n.name AS n;
// @expect: rows
// | n   |
// | 'x' |
// | 'y' |
// | 'z' |
// | 'x' |

// @name: undirected star on a cycle terminates
MATCH ({name: 'x'})-[:LOOP*]-(n) RETURN count(*) AS c;
// @expect: rows
// | c |
// | 6 |

// @name: variable length followed by a fixed hop
MATCH ({name: 'a'})-[:NEXT*2]->(m)-[:NEXT]->(n) RETURN m.name AS m, n.name AS n;
// @expect: rows
// | m   | n   |
// | 'c' | 'd' |

// @name: variable length without a type
MATCH ({name: 'c'})-[*]->(n) RETURN n.name AS n;
// @expect: rows
// | n   |
// | 'd' |

// @name: variable length with a property predicate on every relationship
MATCH (s {name: 'a'})-[:NEXT* {w: 1}]->(n) RETURN n;
// @expect: rows
// | n |

// @name: empty interval matches nothing (TCK Match5 [11])
MATCH ({name: 'a'})-[:NEXT*2..1]->(n) RETURN n.name AS n;
// @expect: rows
// | n |
