// @graph: empty
// Named paths, shortestPath and allShortestPaths.
// Graph: a->b->d, a->c->d, a->d2->e->d (a longer route), plus an isolated node.
CREATE (a:P {name: 'a'}), (b:P {name: 'b'}), (c:P {name: 'c'}), (d:P {name: 'd'}),
       (e:P {name: 'e'}), (f:P {name: 'f'}), (lonely:P {name: 'lonely'}),
       (a)-[:R]->(b), (b)-[:R]->(d), (a)-[:R]->(c), (c)-[:R]->(d),
       (a)-[:R]->(e), (e)-[:R]->(f), (f)-[:R]->(d);

// @name: named path of one hop
MATCH p = (:P {name: 'a'})-[:R]->(:P {name: 'b'}) RETURN p;
// @expect: rows
// | p                                        |
// | <(:P {name: 'a'})-[:R]->(:P {name: 'b'})> |

// @name: single-node path
MATCH p = (n:P {name: 'lonely'}) RETURN p, length(p) AS l;
// @expect: rows
// | p                        | l |
// | <(:P {name: 'lonely'})>  | 0 |

// @name: path traversed against the arrow keeps each relationship's direction
MATCH p = (:P {name: 'b'})<-[:R]-(:P {name: 'a'}) RETURN p;
// @expect: rows
// | p                                         |
// | <(:P {name: 'b'})<-[:R]-(:P {name: 'a'})> |

// @name: variable-length named paths and their lengths
MATCH p = (:P {name: 'a'})-[:R*]->(:P {name: 'd'}) RETURN length(p) AS l;
// @expect: rows
// | l |
// | 2 |
// | 2 |
// | 3 |

// @name: nodes of a path in order
MATCH p = (:P {name: 'a'})-[:R]->(:P {name: 'e'})-[:R]->(x) RETURN [n IN nodes(p) | n.name] AS names;
// @expect: rows
// | names           |
// | ['a', 'e', 'f'] |

// @name: shortestPath picks one shortest route
MATCH p = shortestPath((a:P {name: 'a'})-[:R*]->(d:P {name: 'd'})) RETURN length(p) AS l;
// @expect: rows
// | l |
// | 2 |

// @name: allShortestPaths returns every route of the minimum length
MATCH p = allShortestPaths((a:P {name: 'a'})-[:R*]->(d:P {name: 'd'}))
RETURN [n IN nodes(p) | n.name] AS route;
// @expect: rows
// | route           |
// | ['a', 'b', 'd'] |
// | ['a', 'c', 'd'] |

// @name: shortestPath with no route returns no row
MATCH p = shortestPath((a:P {name: 'a'})-[:R*]->(z:P {name: 'lonely'})) RETURN p;
// @expect: rows
// | p |

// @name: shortestPath respects direction
MATCH p = shortestPath((a:P {name: 'd'})-[:R*]->(z:P {name: 'a'})) RETURN p;
// @expect: rows
// | p |

// @name: undirected shortestPath
MATCH p = shortestPath((a:P {name: 'd'})-[:R*]-(z:P {name: 'a'})) RETURN length(p) AS l;
// @expect: rows
// | l |
// | 2 |

// @name: shortestPath with an upper bound too small
MATCH p = shortestPath((a:P {name: 'a'})-[:R*..1]->(d:P {name: 'd'})) RETURN p;
// @expect: rows
// | p |

// @name: shortestPath of a single hop returns the full path
MATCH p = shortestPath((a:P {name: 'e'})-[:R*]->(b:P {name: 'f'})) RETURN p;
// @expect: rows
// | p                                         |
// | <(:P {name: 'e'})-[:R]->(:P {name: 'f'})> |

// @name: relationships of a path
MATCH p = (:P {name: 'a'})-[:R]->(:P {name: 'b'})-[:R]->(:P {name: 'd'}) RETURN size(relationships(p)) AS n;
// @expect: rows
// | n |
// | 2 |
