// @graph: empty
// Weighted shortest-path costs from a source (plenary.algo.dijkstra).
CREATE (a:P {name: 'a'}), (b:P {name: 'b'}), (c:P {name: 'c'}), (d:P {name: 'd'}), (e:P {name: 'e'}),
       (a)-[:R {w: 1}]->(b), (b)-[:R {w: 2}]->(c), (a)-[:R {w: 5}]->(c),
       (c)-[:R {w: 1}]->(d), (d)-[:R {w: 1}]->(a);

// @name: costs of every node reached, in order of cost
MATCH (s:P {name: 'a'})
CALL plenary.algo.dijkstra({source: s, relationships: {R: {weight: 'w'}}}) YIELD node, cost
RETURN node.name AS name, cost;
// @expect: rows
// | name | cost |
// | 'a'  | 0.0  |
// | 'b'  | 1.0  |
// | 'c'  | 3.0  |
// | 'd'  | 4.0  |

// @name: unweighted relationships cost 1
MATCH (s:P {name: 'a'})
CALL plenary.algo.dijkstra({source: s, relationships: 'R'}) YIELD node, cost
RETURN node.name AS name, cost;
// @expect: rows
// | name | cost |
// | 'a'  | 0.0  |
// | 'b'  | 1.0  |
// | 'c'  | 1.0  |
// | 'd'  | 2.0  |

// @name: REVERSE walks the relationships backwards
MATCH (s:P {name: 'a'})
CALL plenary.algo.dijkstra({source: s, relationships: {R: {weight: 'w', orientation: 'REVERSE'}}}) YIELD node, cost
RETURN node.name AS name, cost;
// @expect: rows
// | name | cost |
// | 'a'  | 0.0  |
// | 'b'  | 4.0  |
// | 'c'  | 2.0  |
// | 'd'  | 1.0  |

// @name: UNDIRECTED walks both ways
MATCH (s:P {name: 'a'})
CALL plenary.algo.dijkstra({source: s, relationships: {R: {weight: 'w', orientation: 'UNDIRECTED'}}}) YIELD node, cost
RETURN node.name AS name, cost;
// @expect: rows
// | name | cost |
// | 'a'  | 0.0  |
// | 'b'  | 1.0  |
// | 'c'  | 2.0  |
// | 'd'  | 1.0  |

// @name: with a target, only its cost
MATCH (s:P {name: 'a'}), (t:P {name: 'd'})
CALL plenary.algo.dijkstra({source: s, target: t, relationships: {R: {weight: 'w'}}}) YIELD node, cost
RETURN node.name AS name, cost;
// @expect: rows
// | name | cost |
// | 'd'  | 4.0  |

// @name: an unreachable target gives no row
MATCH (s:P {name: 'a'}), (t:P {name: 'e'})
CALL plenary.algo.dijkstra({source: s, target: t}) YIELD node, cost
RETURN node.name AS name, cost;
// @expect: rows
// | name | cost |

// @name: one call per input row
MATCH (s:P) WHERE s.name IN ['a', 'e']
CALL plenary.algo.dijkstra({source: s, relationships: {R: {weight: 'w'}}}) YIELD node, cost
RETURN s.name AS source, count(*) AS reached, max(cost) AS farthest;
// @expect: rows
// | source | reached | farthest |
// | 'a'    | 4       | 4.0      |
// | 'e'    | 1       | 0.0      |

// @name: shortestPath: the cheapest path itself, as a path value
MATCH (s:P {name: 'a'}), (t:P {name: 'd'})
CALL plenary.algo.shortestPath({source: s, target: t, relationships: {R: {weight: 'w'}}}) YIELD path, cost
RETURN [n IN nodes(path) | n.name] AS names, [r IN relationships(path) | r.w] AS weights, length(path) AS hops, cost;
// @expect: rows
// | names                | weights   | hops | cost |
// | ['a', 'b', 'c', 'd'] | [1, 2, 1] | 3    | 4.0  |

// @name: shortestPath unweighted takes the fewest relationships
MATCH (s:P {name: 'a'}), (t:P {name: 'd'})
CALL plenary.algo.shortestPath({source: s, target: t, relationships: 'R'}) YIELD path, cost
RETURN [n IN nodes(path) | n.name] AS names, cost;
// @expect: rows
// | names           | cost |
// | ['a', 'c', 'd'] | 2.0  |

// @name: shortestPath UNDIRECTED walks a relationship backwards; the path keeps it
MATCH (s:P {name: 'a'}), (t:P {name: 'c'})
CALL plenary.algo.shortestPath({source: s, target: t, relationships: {R: {weight: 'w', orientation: 'UNDIRECTED'}}}) YIELD path, cost
RETURN [n IN nodes(path) | n.name] AS names, [r IN relationships(path) | startNode(r).name + '->' + endNode(r).name] AS rels, cost;
// @expect: rows
// | names           | rels               | cost |
// | ['a', 'd', 'c'] | ['d->a', 'c->d']   | 2.0  |

// @name: shortestPath from a node to itself is the node alone
MATCH (s:P {name: 'a'})
CALL plenary.algo.shortestPath({source: s, target: s}) YIELD path, cost
RETURN length(path) AS hops, cost;
// @expect: rows
// | hops | cost |
// | 0    | 0.0  |

// @name: shortestPath to an unreachable target gives no row
MATCH (s:P {name: 'a'}), (t:P {name: 'e'})
CALL plenary.algo.shortestPath({source: s, target: t}) YIELD path, cost
RETURN path, cost;
// @expect: rows
// | path | cost |

// @name: shortestPath needs a target
MATCH (s:P {name: 'a'})
CALL plenary.algo.shortestPath({source: s}) YIELD path RETURN path;
// @expect: error ArgumentError InvalidArgumentValue

// @name: three parallel relationships of different weights
CREATE (x:Par {name: 'x'}), (y:Par {name: 'y'}), (x)-[:R {w: 7}]->(y), (x)-[:R {w: 2}]->(y), (x)-[:R {w: 9}]->(y);
// @expect: ok nodes_created=2 relationships_created=3 properties_set=5 labels_added=2

// @name: the cheaper of the parallel relationships is on the path
MATCH (s:Par {name: 'x'}), (t:Par {name: 'y'})
CALL plenary.algo.shortestPath({source: s, target: t, nodes: 'Par', relationships: {R: {weight: 'w'}}}) YIELD path, cost
RETURN [r IN relationships(path) | r.w] AS weights, cost;
// @expect: rows
// | weights | cost |
// | [2]     | 2.0  |
