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
