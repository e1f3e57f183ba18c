// @graph: empty

// @name: merge creates a missing node
MERGE (n:City {name: 'Oslo'});
// @expect: ok nodes_created=1 labels_added=1 properties_set=1

// @name: merge on an existing node creates nothing
MERGE (n:City {name: 'Oslo'});
// @expect: ok nodes_created=0 properties_set=0

// @name: only one node exists after two merges
MATCH (n:City) RETURN count(n) AS c;
// @expect: rows
// | c |
// | 1 |

// @name: ON CREATE SET runs when the node is created
MERGE (n:City {name: 'Rome'}) ON CREATE SET n.created = true ON MATCH SET n.matched = true
RETURN n.created AS created, n.matched AS matched;
// @expect: rows nodes_created=1
// | created | matched |
// | true    | null    |

// @name: ON MATCH SET runs when the node exists
MERGE (n:City {name: 'Rome'}) ON CREATE SET n.created = false ON MATCH SET n.matched = true
RETURN n.created AS created, n.matched AS matched;
// @expect: rows nodes_created=0 properties_set=1
// | created | matched |
// | true    | true    |

// @name: merge a relationship between matched nodes creates it once
MATCH (a:City {name: 'Oslo'}), (b:City {name: 'Rome'}) MERGE (a)-[r:ROAD]->(b) RETURN type(r) AS t;
// @expect: rows relationships_created=1
// | t      |
// | 'ROAD' |

// @name: merging the same relationship again matches it
MATCH (a:City {name: 'Oslo'}), (b:City {name: 'Rome'}) MERGE (a)-[r:ROAD]->(b) RETURN type(r) AS t;
// @expect: rows relationships_created=0
// | t      |
// | 'ROAD' |

// @name: undirected merge matches an existing relationship in either direction
MATCH (a:City {name: 'Rome'}), (b:City {name: 'Oslo'}) MERGE (a)-[r:ROAD]-(b) RETURN count(r) AS c;
// @expect: rows relationships_created=0
// | c |
// | 1 |

// @name: merge a relationship with properties that differ creates a new one
MATCH (a:City {name: 'Oslo'}), (b:City {name: 'Rome'}) MERGE (a)-[r:ROAD {km: 2000}]->(b) RETURN r.km AS km;
// @expect: rows relationships_created=1 properties_set=1
// | km   |
// | 2000 |

// @name: merge a whole path creates all of it when any part is missing
MERGE (a:Town {name: 'X'})-[:NEAR]->(b:Town {name: 'Y'});
// @expect: ok nodes_created=2 relationships_created=1

// @name: merging the same path again creates nothing
MERGE (a:Town {name: 'X'})-[:NEAR]->(b:Town {name: 'Y'});
// @expect: ok nodes_created=0 relationships_created=0

// @name: merge a path where only one end exists still creates the whole pattern
MERGE (a:Town {name: 'X'})-[:NEAR]->(b:Town {name: 'Z'});
// @expect: ok nodes_created=2 relationships_created=1

// @name: there are now two X towns
MATCH (t:Town {name: 'X'}) RETURN count(t) AS c;
// @expect: rows
// | c |
// | 2 |

// @name: merge per input row, deduplicating within the statement
UNWIND ['p', 'q', 'p'] AS name MERGE (n:Tag {name: name});
// @expect: ok nodes_created=2

// @name: merge with a parameter property
// @param name = 'Oslo'
MERGE (c:City {name: $name}) RETURN c.name AS name;
// @expect: rows nodes_created=0
// | name   |
// | 'Oslo' |

// @name: merge with a null property value is an error
MERGE (n:City {name: null});
// @expect: error SemanticError MergeReadOwnWrites

// @name: ON CREATE SET with several items and labels
MERGE (n:Item {id: 1}) ON CREATE SET n.a = 1, n:New RETURN n;
// @expect: rows nodes_created=1 labels_added=2
// | n                         |
// | (:Item:New {a: 1, id: 1}) |

// @name: merge a relationship with a bound start and a new end creates the end node
MATCH (a:City {name: 'Oslo'}) MERGE (a)-[:HAS]->(p:Port {name: 'Oslo port'}) RETURN p.name AS p;
// @expect: rows nodes_created=1 relationships_created=1
// | p           |
// | 'Oslo port' |

// @name: merge a variable-length relationship is an error
MERGE (a)-[:R*2]->(b);
// @expect: error SyntaxError CreatingVarLength

// @name: merge a relationship without a type is an error
MERGE (a:City {name: 'Oslo'})-->(b:City {name: 'Rome'});
// @expect: error SyntaxError NoSingleRelationshipType

// @name: several matches each get ON MATCH SET and each pass on (one input row)
CREATE (:Dup {k: 1, i: 1}), (:Dup {k: 1, i: 2}), (:Dup {k: 2, i: 3});
MERGE (d:Dup {k: 1}) ON MATCH SET d.seen = 1 RETURN d.i AS i, d.seen AS seen ORDER BY i;
// @expect: rows ordered properties_set=2
// | i | seen |
// | 1 | 1    |
// | 2 | 1    |

// @name: several matches per input row keep the rows' order, each set once (many input rows)
UNWIND [2, 1, 3] AS k
MERGE (d:Dup {k: k}) ON MATCH SET d.n = coalesce(d.n, 0) + 1 ON CREATE SET d.i = 10 * k
RETURN k, d.i AS i, d.n AS n;
// @expect: rows nodes_created=1 properties_set=5
// | k | i  | n    |
// | 2 | 3  | 1    |
// | 1 | 1  | 1    |
// | 1 | 2  | 1    |
// | 3 | 30 | null |

// @name: a one-row MERGE inside CALL sees what the previous row created
UNWIND ['a', 'b', 'a'] AS x
CALL { WITH x MERGE (t:Label7 {name: x}) ON MATCH SET t.again = true }
RETURN count(*) AS c;
// @expect: rows nodes_created=2 properties_set=3
// | c |
// | 3 |

// @name: so each tag exists once, and the repeated one was matched
MATCH (t:Label7) RETURN t.name AS name, t.again AS again ORDER BY name;
// @expect: rows ordered
// | name | again |
// | 'a'  | true  |
// | 'b'  | null  |
