// @graph: empty

// @name: create a node
CREATE (n);
// @expect: ok nodes_created=1 labels_added=0 properties_set=0

// @name: create a node with labels and properties
CREATE (n:A:B {x: 1, y: 'two'});
// @expect: ok nodes_created=1 labels_added=2 properties_set=2

// @name: the created node is visible afterwards
MATCH (n:A) RETURN n;
// @expect: rows
// | n                        |
// | (:A:B {x: 1, y: 'two'})  |

// @name: create and return
CREATE (n:C {v: 42}) RETURN n.v AS v;
// @expect: rows nodes_created=1
// | v  |
// | 42 |

// @name: create a relationship between new nodes
CREATE (a:Src)-[r:LINK {w: 1.5}]->(b:Dst) RETURN type(r) AS t, r.w AS w;
// @expect: rows nodes_created=2 relationships_created=1
// | t      | w   |
// | 'LINK' | 1.5 |

// @name: create a relationship between matched nodes
MATCH (a:Src), (b:Dst) CREATE (b)-[:BACK]->(a);
// @expect: ok relationships_created=1 nodes_created=0

// @name: relationship direction is kept
MATCH (x)-[:BACK]->(y) RETURN labels(x) AS x, labels(y) AS y;
// @expect: rows
// | x       | y       |
// | ['Dst'] | ['Src'] |

// @name: create a path of several hops
CREATE p = (:H {i: 1})-[:N]->(:H {i: 2})<-[:N]-(:H {i: 3}) RETURN length(p) AS l;
// @expect: rows nodes_created=3 relationships_created=2
// | l |
// | 2 |

// @name: create once per input row
UNWIND [1, 2, 3] AS i CREATE (:Row {i: i});
// @expect: ok nodes_created=3 properties_set=3 labels_added=3

// @name: null properties are not stored
CREATE (n:NullProp {a: null, b: 1}) RETURN keys(n) AS k;
// @expect: rows nodes_created=1 properties_set=1
// | k     |
// | ['b'] |

// @name: list property
CREATE (n:L {xs: [1, 2, 3]}) RETURN n.xs AS xs;
// @expect: rows
// | xs        |
// | [1, 2, 3] |

// @name: property from an expression over a bound variable
MATCH (r:Row) WITH max(r.i) AS m CREATE (n:Max {v: m * 2}) RETURN n.v AS v;
// @expect: rows
// | v |
// | 6 |

// @name: creating a relationship without a type is an error
CREATE ()-->();
// @expect: error SyntaxError NoSingleRelationshipType

// @name: creating an undirected relationship is an error
CREATE (a)-[:R]-(b);
// @expect: error SyntaxError RequiresDirectedRelationship

// @name: creating a relationship with two types is an error
CREATE (a)-[:R|S]->(b);
// @expect: error SyntaxError NoSingleRelationshipType

// @name: creating a variable-length relationship is an error
CREATE (a)-[:R*2]->(b);
// @expect: error SyntaxError CreatingVarLength

// @name: re-creating a bound node is an error
MATCH (n:C) CREATE (n);
// @expect: error SyntaxError VariableAlreadyBound

// @name: re-creating a bound node with a label is an error
MATCH (n:C) CREATE (n:D);
// @expect: error SyntaxError VariableAlreadyBound

// @name: a bound node may be used in a created pattern
MATCH (n:C) CREATE (n)-[:SELF]->(n);
// @expect: ok relationships_created=1 nodes_created=0

// @name: a map property value is a type error
CREATE (n {m: {a: 1}});
// @expect: error TypeError InvalidPropertyType

// @name: failed create leaves no nodes behind
MATCH (n:Never) RETURN count(n) AS c;
// @expect: rows
// | c |
// | 0 |

// @name: total node count after all creates
MATCH (n) RETURN count(n) AS c;
// @expect: rows
// | c  |
// | 14 |

// @name: create with a parameter map of properties
// @param props = {name: 'P', n: 7}
CREATE (n:Param $props) RETURN n.name AS name, n.n AS n;
// @expect: rows nodes_created=1 properties_set=2
// | name | n |
// | 'P'  | 7 |
