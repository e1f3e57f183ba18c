// @graph: empty
CREATE (a:Person {name: 'Ada', age: 36, email: 'ada@x.org'}),
       (b:Person:Admin {name: 'Bob', age: 25}),
       (c:Person {name: 'Cy'}),
       (d:Dog {name: 'Rex'}),
       (a)-[:KNOWS]->(b), (b)-[:KNOWS]->(c), (a)-[:OWNS]->(d);

// @name: comparison on a property
MATCH (p:Person) WHERE p.age > 30 RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Ada' |

// @name: missing property compares as null and filters out
MATCH (p:Person) WHERE p.age < 100 RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Ada' |
// | 'Bob' |

// @name: IS NULL on a missing property
MATCH (p:Person) WHERE p.age IS NULL RETURN p.name AS name;
// @expect: rows
// | name |
// | 'Cy' |

// @name: IS NOT NULL
MATCH (p:Person) WHERE p.email IS NOT NULL RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Ada' |

// @name: NOT of null stays null and filters out
MATCH (p:Person) WHERE NOT (p.age > 30) RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Bob' |

// @name: OR with null keeps rows where the other side is true
MATCH (p:Person) WHERE p.age > 30 OR p.name = 'Cy' RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Ada' |
// | 'Cy'  |

// @name: label predicate in WHERE
MATCH (n) WHERE n:Admin RETURN n.name AS name;
// @expect: rows
// | name  |
// | 'Bob' |

// @name: negated label predicate
MATCH (n) WHERE NOT n:Person RETURN n.name AS name;
// @expect: rows
// | name  |
// | 'Rex' |

// @name: multiple labels in a label predicate need all of them
MATCH (n) WHERE n:Person:Admin RETURN n.name AS name;
// @expect: rows
// | name  |
// | 'Bob' |

// @name: label predicate with OR
MATCH (n) WHERE n:Admin OR n:Dog RETURN n.name AS name;
// @expect: rows
// | name  |
// | 'Bob' |
// | 'Rex' |

// @name: pattern predicate
MATCH (p:Person) WHERE (p)-[:KNOWS]->() RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Ada' |
// | 'Bob' |

// @name: negated pattern predicate
MATCH (p:Person) WHERE NOT (p)-[:KNOWS]->() RETURN p.name AS name;
// @expect: rows
// | name |
// | 'Cy' |

// @name: pattern predicate with a label on the far end
MATCH (p:Person) WHERE (p)-->(:Dog) RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Ada' |

// @name: EXISTS subquery with a pattern
MATCH (p:Person) WHERE EXISTS { (p)<-[:KNOWS]-() } RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Bob' |
// | 'Cy'  |

// @name: EXISTS subquery with MATCH and WHERE
MATCH (p:Person) WHERE EXISTS { MATCH (p)-[:KNOWS]->(f) WHERE f.age IS NULL } RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Bob' |

// @name: NOT EXISTS subquery
MATCH (p:Person) WHERE NOT EXISTS { MATCH (p)-[:OWNS]->() } RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Bob' |
// | 'Cy'  |

// @name: WHERE on a relationship property in MATCH
MATCH (a)-[r]->(b) WHERE type(r) = 'OWNS' RETURN a.name AS a, b.name AS b;
// @expect: rows
// | a     | b     |
// | 'Ada' | 'Rex' |

// @name: WHERE comparing two variables
MATCH (a:Person), (b:Person) WHERE a.age > b.age RETURN a.name AS a, b.name AS b;
// @expect: rows
// | a     | b     |
// | 'Ada' | 'Bob' |

// @name: WHERE with IN list
MATCH (p:Person) WHERE p.name IN ['Ada', 'Cy', 'Zed'] RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Ada' |
// | 'Cy'  |

// @name: WHERE with STARTS WITH
MATCH (n) WHERE n.name STARTS WITH 'R' RETURN n.name AS name;
// @expect: rows
// | name  |
// | 'Rex' |

// @name: WHERE false filters everything
MATCH (n) WHERE false RETURN n;
// @expect: rows
// | n |

// @name: WHERE null filters everything
MATCH (n) WHERE null RETURN n;
// @expect: rows
// | n |

// @name: WHERE on id equality of two variables
MATCH (a:Person {name: 'Ada'}), (b) WHERE a = b RETURN b.name AS name;
// @expect: rows
// | name  |
// | 'Ada' |

// @name: WHERE with XOR
MATCH (p:Person) WHERE p.age > 30 XOR p:Admin RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Ada' |
// | 'Bob' |

// @name: WHERE with a regular expression
MATCH (p:Person) WHERE p.name =~ 'A.*' RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Ada' |

// FIXME: Neo4j 5 label expressions (`:A|B`) are not in openCypher 9 and not
// parsed yet; this asserts today's behaviour. The answer should be 'Bob', 'Rex'.
// @name: label expression with a disjunction inside a node pattern (GQL style)
MATCH (n:Admin|Dog) RETURN n.name AS name;
// @expect: error SyntaxError UnexpectedSyntax

// FIXME: Neo4j 5 `WHERE` inside a node pattern is not parsed yet; the answer
// should be 'Bob'.
// @name: WHERE inside a node pattern
MATCH (p:Person WHERE p.age < 30) RETURN p.name AS name;
// @expect: error SyntaxError UnexpectedSyntax
