// @graph: empty
// Louvain communities (plenary.algo.louvain); a community's id is the
// smallest id(n) among its nodes.
CREATE (a:T {name: 'a'}), (b:T {name: 'b'}), (c:T {name: 'c'}),
       (d:T {name: 'd'}), (e:T {name: 'e'}), (f:T {name: 'f'}),
       (a)-[:K]->(b), (b)-[:K]->(c), (c)-[:K]->(a),
       (d)-[:K]->(e), (e)-[:K]->(f), (f)-[:K]->(d), (c)-[:K]->(d);
CREATE (a:Sq {name: 'a'}), (b:Sq {name: 'b'}), (c:Sq {name: 'c'}), (d:Sq {name: 'd'}),
       (a)-[:S {w: 10}]->(b), (b)-[:S {w: 1}]->(c), (c)-[:S {w: 10}]->(d), (d)-[:S {w: 1}]->(a);

// @name: two triangles joined by one edge are two communities
CALL plenary.algo.louvain({nodes: 'T', relationships: 'K'}) YIELD node, community
MATCH (first) WHERE id(first) = community
RETURN node.name AS name, first.name AS community;
// @expect: rows
// | name | community |
// | 'a'  | 'a'       |
// | 'b'  | 'a'       |
// | 'c'  | 'a'       |
// | 'd'  | 'd'       |
// | 'e'  | 'd'       |
// | 'f'  | 'd'       |

// @name: the orientation does not matter (modularity is undirected)
CALL plenary.algo.louvain({nodes: 'T', relationships: {K: {orientation: 'REVERSE'}}}) YIELD node, community
MATCH (first) WHERE id(first) = community
RETURN node.name AS name, first.name AS community;
// @expect: rows
// | name | community |
// | 'a'  | 'a'       |
// | 'b'  | 'a'       |
// | 'c'  | 'a'       |
// | 'd'  | 'd'       |
// | 'e'  | 'd'       |
// | 'f'  | 'd'       |

// @name: a low resolution merges everything
CALL plenary.algo.louvain({nodes: 'T', relationships: 'K', resolution: 0.01}) YIELD community
RETURN count(DISTINCT community) AS communities;
// @expect: rows
// | communities |
// | 1           |

// @name: a high resolution keeps every node alone
CALL plenary.algo.louvain({nodes: 'T', relationships: 'K', resolution: 10}) YIELD community
RETURN count(DISTINCT community) AS communities;
// @expect: rows
// | communities |
// | 6           |

// @name: weighted: the heavy edges pair a with b and c with d
CALL plenary.algo.louvain({nodes: 'Sq', relationships: {S: {weight: 'w'}}}) YIELD node, community
MATCH (first) WHERE id(first) = community
RETURN node.name AS name, first.name AS community;
// @expect: rows
// | name | community |
// | 'a'  | 'a'       |
// | 'b'  | 'a'       |
// | 'c'  | 'c'       |
// | 'd'  | 'c'       |

// @name: nodes without relationships are their own communities
CALL plenary.algo.louvain({nodes: 'T', relationships: 'NONE'}) YIELD community
RETURN count(DISTINCT community) AS communities;
// @expect: rows
// | communities |
// | 6           |
