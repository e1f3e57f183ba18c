// @graph: empty
CREATE (a:A:B {name: 'a', n: 1})-[:R {w: 2}]->(b:C {name: 'b'})-[:S]->(c:C {name: 'c'});

// @name: id is an integer that distinguishes nodes
MATCH (a:A), (b {name: 'b'}) RETURN id(a) <> id(b) AS differ, id(a) = id(a) AS same, id(a) >= 0 AS nonneg;
// @expect: rows
// | differ | same | nonneg |
// | true   | true | true   |

// @name: elementId is a stable non-empty string
MATCH (a:A) MATCH (x {name: 'a'}) RETURN elementId(a) = elementId(x) AS same, size(elementId(a)) > 0 AS nonempty;
// @expect: rows
// | same | nonempty |
// | true | true     |

// @name: id of a relationship
MATCH ()-[r:R]->() RETURN id(r) >= 0 AS ok;
// @expect: rows
// | ok   |
// | true |

// @name: labels of a node with one label
MATCH (n {name: 'b'}) RETURN labels(n) AS l;
// @expect: rows
// | l     |
// | ['C'] |

// @name: labels of a node with two labels
MATCH (n:A) RETURN size(labels(n)) AS c, 'A' IN labels(n) AS a, 'B' IN labels(n) AS b;
// @expect: rows
// | c | a    | b    |
// | 2 | true | true |

// @name: labels of null is null
RETURN labels(null) AS l;
// @expect: rows
// | l    |
// | null |

// @name: type of a relationship
MATCH ()-[r]->() RETURN type(r) AS t;
// @expect: rows
// | t   |
// | 'R' |
// | 'S' |

// @name: properties of a node and a relationship
MATCH (a:A)-[r:R]->() RETURN properties(a) AS p, properties(r) AS q;
// @expect: rows
// | p                   | q      |
// | {n: 1, name: 'a'}   | {w: 2} |

// @name: properties of a map is the map
RETURN properties({k: 1}) AS p;
// @expect: rows
// | p      |
// | {k: 1} |

// @name: keys of a node
MATCH (n {name: 'b'}) RETURN keys(n) AS k;
// @expect: rows
// | k        |
// | ['name'] |

// @name: keys of a node with two properties
MATCH (n:A) RETURN size(keys(n)) AS c, 'n' IN keys(n) AS hasN;
// @expect: rows
// | c | hasN |
// | 2 | true |

// @name: keys of a map
RETURN keys({x: 1}) AS k, keys({}) AS e;
// @expect: rows
// | k     | e  |
// | ['x'] | [] |

// @name: startNode and endNode
MATCH ()-[r:R]->() RETURN startNode(r).name AS s, endNode(r).name AS e;
// @expect: rows
// | s   | e   |
// | 'a' | 'b' |

// @name: startNode of an undirected match is still the real start
MATCH (x {name: 'b'})-[r:R]-(y) RETURN startNode(r).name AS s, x.name AS x;
// @expect: rows
// | s   | x   |
// | 'a' | 'b' |

// @name: nodes and relationships of a path
MATCH p = (:A)-[:R]->()-[:S]->() RETURN [n IN nodes(p) | n.name] AS ns, [r IN relationships(p) | type(r)] AS rs;
// @expect: rows
// | ns              | rs         |
// | ['a', 'b', 'c'] | ['R', 'S'] |

// @name: length of a path
MATCH p = (:A)-[*]->(x) RETURN x.name AS x, length(p) AS l;
// @expect: rows
// | x   | l |
// | 'b' | 1 |
// | 'c' | 2 |

// @name: startNode of null is null
RETURN startNode(null) AS s, type(null) AS t;
// @expect: rows
// | s    | t    |
// | null | null |
