// @graph: empty
// Weakly (plenary.algo.wcc) and strongly (plenary.algo.scc) connected
// components; a component's id is the smallest id(n) among its nodes.
CREATE (a:N {name: 'a'}), (b:N {name: 'b'}), (c:N {name: 'c'}), (d:N {name: 'd'}),
       (e:N {name: 'e'}), (f:N {name: 'f'}), (g:N {name: 'g'}), (x:Other {name: 'x'}),
       (a)-[:L]->(b), (b)-[:L]->(c), (c)-[:L]->(a), (c)-[:L]->(d), (e)-[:L]->(f),
       (g)-[:M]->(a), (x)-[:L]->(e);

// @name: wcc: direction ignored; the id is the component's smallest node id
CALL plenary.algo.wcc({nodes: 'N', relationships: 'L'}) YIELD node, componentId
MATCH (first) WHERE id(first) = componentId
RETURN node.name AS name, first.name AS component;
// @expect: rows
// | name | component |
// | 'a'  | 'a'       |
// | 'b'  | 'a'       |
// | 'c'  | 'a'       |
// | 'd'  | 'a'       |
// | 'e'  | 'e'       |
// | 'f'  | 'e'       |
// | 'g'  | 'g'       |

// @name: wcc over every node and type joins g and x in
CALL plenary.algo.wcc({}) YIELD node, componentId
MATCH (first) WHERE id(first) = componentId
RETURN node.name AS name, first.name AS component;
// @expect: rows
// | name | component |
// | 'a'  | 'a'       |
// | 'b'  | 'a'       |
// | 'c'  | 'a'       |
// | 'd'  | 'a'       |
// | 'e'  | 'e'       |
// | 'f'  | 'e'       |
// | 'g'  | 'a'       |
// | 'x'  | 'e'       |

// @name: wcc: the number of components and their sizes
CALL plenary.algo.wcc({nodes: 'N', relationships: 'L'}) YIELD componentId
WITH componentId, count(*) AS size
RETURN size ORDER BY size DESC;
// @expect: rows ordered
// | size |
// | 4    |
// | 2    |
// | 1    |

// @name: scc: only the cycle is one component
CALL plenary.algo.scc({nodes: 'N', relationships: 'L'}) YIELD node, componentId
MATCH (first) WHERE id(first) = componentId
RETURN node.name AS name, first.name AS component;
// @expect: rows
// | name | component |
// | 'a'  | 'a'       |
// | 'b'  | 'a'       |
// | 'c'  | 'a'       |
// | 'd'  | 'd'       |
// | 'e'  | 'e'       |
// | 'f'  | 'f'       |
// | 'g'  | 'g'       |

// @name: scc with UNDIRECTED relationships is wcc
CALL plenary.algo.scc({nodes: 'N', relationships: {L: {orientation: 'UNDIRECTED'}}}) YIELD node, componentId
MATCH (first) WHERE id(first) = componentId
RETURN node.name AS name, first.name AS component;
// @expect: rows
// | name | component |
// | 'a'  | 'a'       |
// | 'b'  | 'a'       |
// | 'c'  | 'a'       |
// | 'd'  | 'a'       |
// | 'e'  | 'e'       |
// | 'f'  | 'e'       |
// | 'g'  | 'g'       |

// @name: a relationship to a node outside the projection is left out
CALL plenary.algo.wcc({nodes: ['N'], relationships: ['L', 'M']}) YIELD node, componentId
WITH componentId, count(*) AS size
RETURN size ORDER BY size DESC;
// @expect: rows ordered
// | size |
// | 5    |
// | 2    |

// @name: an empty projection
CALL plenary.algo.scc({nodes: 'Nobody'}) YIELD node RETURN count(node) AS n;
// @expect: rows
// | n |
// | 0 |
