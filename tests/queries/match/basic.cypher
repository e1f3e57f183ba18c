// @graph: empty
// Node patterns: labels, properties, directions, type alternatives.
CREATE (a:Person {name: 'Ada', age: 36}),
       (b:Person:Admin {name: 'Bob', age: 25}),
       (c:Company {name: 'Acme'}),
       (a)-[:KNOWS {since: 2010}]->(b),
       (a)-[:WORKS_AT]->(c),
       (b)-[:WORKS_AT]->(c),
       (b)-[:LIKES]->(a);
// @expect: ok nodes_created=3 relationships_created=4 labels_added=4 properties_set=6

// @name: match all nodes
MATCH (n) RETURN n.name AS name;
// @expect: rows
// | name   |
// | 'Ada'  |
// | 'Bob'  |
// | 'Acme' |

// @name: match by label
MATCH (p:Person) RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Ada' |
// | 'Bob' |

// @name: match by two labels requires both
MATCH (p:Person:Admin) RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Bob' |

// @name: label that does not exist matches nothing
MATCH (x:Nope) RETURN x;
// @expect: rows
// | x |

// @name: match by inline property map
MATCH (p {name: 'Ada'}) RETURN p.age AS age;
// @expect: rows
// | age |
// | 36  |

// @name: inline property with wrong type matches nothing
MATCH (p {age: '36'}) RETURN p;
// @expect: rows
// | p |

// @name: return whole node
MATCH (c:Company) RETURN c;
// @expect: rows
// | c                         |
// | (:Company {name: 'Acme'}) |

// @name: node with two labels
MATCH (p:Admin) RETURN p;
// @expect: rows
// | p                                       |
// | (:Admin:Person {age: 25, name: 'Bob'}) |

// @name: outgoing relationship
MATCH (a {name: 'Ada'})-[r]->(x) RETURN type(r) AS t, x.name AS x;
// @expect: rows
// | t          | x      |
// | 'KNOWS'    | 'Bob'  |
// | 'WORKS_AT' | 'Acme' |

// @name: incoming relationship
MATCH (a {name: 'Ada'})<-[r]-(x) RETURN type(r) AS t, x.name AS x;
// @expect: rows
// | t       | x     |
// | 'LIKES' | 'Bob' |

// @name: undirected relationship sees both directions
MATCH (a {name: 'Ada'})-[r]-(x) RETURN type(r) AS t, x.name AS x;
// @expect: rows
// | t          | x      |
// | 'KNOWS'    | 'Bob'  |
// | 'WORKS_AT' | 'Acme' |
// | 'LIKES'    | 'Bob'  |

// @name: undirected pattern returns each relationship twice when both ends free
MATCH (x)-[r:KNOWS]-(y) RETURN x.name AS x, y.name AS y;
// @expect: rows
// | x     | y     |
// | 'Ada' | 'Bob' |
// | 'Bob' | 'Ada' |

// @name: relationship type filter
MATCH (x)-[:WORKS_AT]->(c) RETURN x.name AS x;
// @expect: rows
// | x     |
// | 'Ada' |
// | 'Bob' |

// @name: type alternatives
MATCH (x)-[r:KNOWS|LIKES]->(y) RETURN x.name AS x, type(r) AS t, y.name AS y;
// @expect: rows
// | x     | t       | y     |
// | 'Ada' | 'KNOWS' | 'Bob' |
// | 'Bob' | 'LIKES' | 'Ada' |

// @name: relationship property map
MATCH ()-[r:KNOWS {since: 2010}]->() RETURN r;
// @expect: rows
// | r                         |
// | [:KNOWS {since: 2010}]    |

// @name: relationship property map that does not match
MATCH ()-[r:KNOWS {since: 2011}]->() RETURN r;
// @expect: rows
// | r |

// @name: anonymous nodes and relationships
MATCH ()-->() RETURN count(*) AS c;
// @expect: rows
// | c |
// | 4 |

// @name: longer chain
MATCH (a:Person)-[:KNOWS]->(b)-[:WORKS_AT]->(c) RETURN a.name AS a, b.name AS b, c.name AS c;
// @expect: rows
// | a     | b     | c      |
// | 'Ada' | 'Bob' | 'Acme' |

// @name: same node variable closes a cycle
MATCH (a)-[:KNOWS]->(b)-[:LIKES]->(a) RETURN a.name AS a, b.name AS b;
// @expect: rows
// | a     | b     |
// | 'Ada' | 'Bob' |

// @name: unknown relationship type matches nothing
MATCH (a)-[:HATES]->(b) RETURN a;
// @expect: rows
// | a |

// @name: label predicate on the far end
MATCH (a:Person)-->(c:Company) RETURN a.name AS a;
// @expect: rows
// | a     |
// | 'Ada' |
// | 'Bob' |

// @name: multiple patterns in one MATCH are a cartesian product
MATCH (a:Person), (c:Company) RETURN a.name AS a, c.name AS c;
// @expect: rows
// | a     | c      |
// | 'Ada' | 'Acme' |
// | 'Bob' | 'Acme' |

// @name: cartesian product of a label with itself
MATCH (a:Person), (b:Person) RETURN a.name AS a, b.name AS b;
// @expect: rows
// | a     | b     |
// | 'Ada' | 'Ada' |
// | 'Ada' | 'Bob' |
// | 'Bob' | 'Ada' |
// | 'Bob' | 'Bob' |

// @name: two MATCH clauses in a row
MATCH (a:Person {name: 'Ada'}) MATCH (a)-->(b) RETURN b.name AS b;
// @expect: rows
// | b      |
// | 'Bob'  |
// | 'Acme' |

// @name: match on an empty label set of a label-less graph part
MATCH (n) WHERE size(labels(n)) = 0 RETURN n;
// @expect: rows
// | n |
