// @graph: empty
CREATE (a:Person {name: 'Ada'})-[:OWNS]->(:Car {brand: 'Volvo'}),
       (:Person {name: 'Bob'}),
       (a)-[:KNOWS]->(:Person {name: 'Cy'});

// @name: optional match fills nulls for missing matches
MATCH (p:Person) OPTIONAL MATCH (p)-[:OWNS]->(c:Car) RETURN p.name AS p, c.brand AS car;
// @expect: rows
// | p     | car     |
// | 'Ada' | 'Volvo' |
// | 'Bob' | null    |
// | 'Cy'  | null    |

// @name: optional match alone on an empty label yields one null row
OPTIONAL MATCH (n:Nothing) RETURN n;
// @expect: rows
// | n    |
// | null |

// @name: optional relationship variable is null too
MATCH (p:Person {name: 'Bob'}) OPTIONAL MATCH (p)-[r]->(x) RETURN p.name AS p, r, x;
// @expect: rows
// | p     | r    | x    |
// | 'Bob' | null | null |

// @name: WHERE inside OPTIONAL MATCH filters the optional part only
MATCH (p:Person) OPTIONAL MATCH (p)-[:OWNS]->(c:Car) WHERE c.brand = 'Saab'
RETURN p.name AS p, c AS car;
// @expect: rows
// | p     | car  |
// | 'Ada' | null |
// | 'Bob' | null |
// | 'Cy'  | null |

// @name: WHERE after WITH on optional results filters rows
MATCH (p:Person) OPTIONAL MATCH (p)-[:OWNS]->(c:Car) WITH p, c WHERE c IS NOT NULL
RETURN p.name AS p;
// @expect: rows
// | p     |
// | 'Ada' |

// @name: functions on null from optional match
MATCH (p:Person {name: 'Bob'}) OPTIONAL MATCH (p)-[r]->() RETURN type(r) AS t, count(r) AS n;
// @expect: rows
// | t    | n |
// | null | 0 |

// @name: count of optional matches per person
MATCH (p:Person) OPTIONAL MATCH (p)-->(x) RETURN p.name AS p, count(x) AS out;
// @expect: rows
// | p     | out |
// | 'Ada' | 2   |
// | 'Bob' | 0   |
// | 'Cy'  | 0   |

// @name: optional match with a bound variable on both ends
MATCH (a:Person {name: 'Ada'}), (b:Person {name: 'Bob'}) OPTIONAL MATCH (a)-[r]->(b) RETURN r;
// @expect: rows
// | r    |
// | null |

// @name: optional match with a bound end that does connect
MATCH (a:Person {name: 'Ada'}), (b:Person {name: 'Cy'}) OPTIONAL MATCH (a)-[r]->(b) RETURN type(r) AS t;
// @expect: rows
// | t       |
// | 'KNOWS' |

// @name: a null from optional match passed into a later MATCH yields no rows
OPTIONAL MATCH (n:Nothing) MATCH (n)-->(m) RETURN m;
// @expect: rows
// | m |

// @name: chained optional matches
MATCH (p:Person {name: 'Ada'}) OPTIONAL MATCH (p)-[:KNOWS]->(f) OPTIONAL MATCH (f)-[:OWNS]->(c)
RETURN f.name AS friend, c AS car;
// @expect: rows
// | friend | car  |
// | 'Cy'   | null |

// @name: optional match variable length
MATCH (p:Person {name: 'Bob'}) OPTIONAL MATCH (p)-[*]->(x) RETURN x;
// @expect: rows
// | x    |
// | null |

// @name: optional named path is null when missing
MATCH (p:Person {name: 'Bob'}) OPTIONAL MATCH path = (p)-->() RETURN path;
// @expect: rows
// | path |
// | null |

// @name: property access on null node is null
OPTIONAL MATCH (n:Nothing) RETURN n.name AS name, labels(n) AS l;
// @expect: rows
// | name | l    |
// | null | null |
