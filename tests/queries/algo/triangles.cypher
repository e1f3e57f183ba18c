// @graph: empty
// Triangles through each node (plenary.algo.triangleCount), the projection
// read as a simple undirected graph.
CREATE (a:N {name: 'a'}), (b:N {name: 'b'}), (c:N {name: 'c'}), (d:N {name: 'd'}), (e:N {name: 'e'}),
       (a)-[:L]->(b), (b)-[:L]->(c), (c)-[:L]->(d), (d)-[:L]->(a), (a)-[:L]->(c),
       (c)-[:L]->(a), (b)-[:L]->(a), (d)-[:L]->(d), (d)-[:M]->(b);

// @name: a square with one diagonal: two triangles; direction, parallels and self-loops do not count
CALL plenary.algo.triangleCount({nodes: 'N', relationships: 'L'}) YIELD node, triangles
RETURN node.name AS name, triangles;
// @expect: rows
// | name | triangles |
// | 'a'  | 2         |
// | 'b'  | 1         |
// | 'c'  | 2         |
// | 'd'  | 1         |
// | 'e'  | 0         |

// @name: with the other diagonal the square is complete: three triangles per node
CALL plenary.algo.triangleCount({nodes: 'N', relationships: ['L', 'M']}) YIELD node, triangles
RETURN node.name AS name, triangles;
// @expect: rows
// | name | triangles |
// | 'a'  | 3         |
// | 'b'  | 3         |
// | 'c'  | 3         |
// | 'd'  | 3         |
// | 'e'  | 0         |

// @name: the triangles of the graph (each counted at its three nodes)
CALL plenary.algo.triangleCount({relationships: ['L', 'M']}) YIELD triangles
RETURN sum(triangles) / 3 AS triangles;
// @expect: rows
// | triangles |
// | 4         |

// @name: triangleCount takes no other settings
CALL plenary.algo.triangleCount({weight: 'w'}) YIELD node RETURN node;
// @expect: error ArgumentError InvalidArgumentValue
