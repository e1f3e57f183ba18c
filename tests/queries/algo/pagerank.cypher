// @graph: empty
// PageRank (plenary.algo.pageRank) and weighted degree (plenary.algo.degree)
// on graphs small enough to solve by hand.
CREATE (a:Ring {name: 'a'}), (b:Ring {name: 'b'}), (c:Ring {name: 'c'}),
       (a)-[:NEXT]->(b), (b)-[:NEXT]->(c), (c)-[:NEXT]->(a);
CREATE (h:Star {name: 'h'}), (l1:Star {name: 'l1'}), (l2:Star {name: 'l2'}), (l3:Star {name: 'l3'}),
       (l1)-[:TO]->(h), (l2)-[:TO]->(h), (l3)-[:TO]->(h);
CREATE (a:W {name: 'a'}), (b:W {name: 'b'}), (c:W {name: 'c'}),
       (a)-[:R {w: 3}]->(b), (a)-[:R {w: 1.0}]->(c), (b)-[:R]->(a), (c)-[:R]->(a);

// @name: a directed cycle: every node has 1/n
CALL plenary.algo.pageRank({nodes: 'Ring', relationships: 'NEXT'}) YIELD node, score
RETURN node.name AS name, round(score, 4) AS score;
// @expect: rows
// | name | score  |
// | 'a'  | 0.3333 |
// | 'b'  | 0.3333 |
// | 'c'  | 0.3333 |

// @name: a star into a dangling hub: x_l = (0.85 x_h + 0.15) / 4, x_h = 3.55 x_l
CALL plenary.algo.pageRank({nodes: 'Star', relationships: 'TO', maxIterations: 100, tolerance: 1e-10})
YIELD node, score
RETURN node.name AS name, round(score, 4) AS score;
// @expect: rows
// | name | score  |
// | 'h'  | 0.542  |
// | 'l1' | 0.1527 |
// | 'l2' | 0.1527 |
// | 'l3' | 0.1527 |

// @name: the scores sum to 1
CALL plenary.algo.pageRank({nodes: 'Star', relationships: 'TO'}) YIELD score
RETURN round(sum(score), 9) AS total;
// @expect: rows
// | total |
// | 1.0   |

// @name: weighted: a sends 3/4 to b and 1/4 to c (x_a = 0.135 / 0.2775)
CALL plenary.algo.pageRank({nodes: 'W', relationships: {R: {weight: 'w'}}, maxIterations: 100, tolerance: 1e-10})
YIELD node, score
RETURN node.name AS name, round(score, 4) AS score;
// @expect: rows
// | name | score  |
// | 'a'  | 0.4865 |
// | 'b'  | 0.3601 |
// | 'c'  | 0.1534 |

// @name: unweighted, the same graph splits a's share evenly
CALL plenary.algo.pageRank({nodes: 'W', relationships: 'R', maxIterations: 100, tolerance: 1e-10})
YIELD node, score
RETURN node.name AS name, round(score, 4) AS score;
// @expect: rows
// | name | score  |
// | 'a'  | 0.4865 |
// | 'b'  | 0.2568 |
// | 'c'  | 0.2568 |

// @name: dampingFactor 0: every node gets 1/n
CALL plenary.algo.pageRank({nodes: 'Star', relationships: 'TO', dampingFactor: 0}) YIELD node, score
RETURN node.name AS name, score;
// @expect: rows
// | name | score |
// | 'h'  | 0.25  |
// | 'l1' | 0.25  |
// | 'l2' | 0.25  |
// | 'l3' | 0.25  |

// @name: REVERSE: the hub points at dangling leaves: x_h = (0.85 * 3 x_l + 0.15) / 4, x_l = x_h + 0.85 x_h / 3
CALL plenary.algo.pageRank({nodes: 'Star', relationships: {TO: {orientation: 'REVERSE'}}, maxIterations: 100, tolerance: 1e-10})
YIELD node, score
RETURN node.name AS name, round(score, 4) AS score;
// @expect: rows
// | name | score  |
// | 'h'  | 0.2062 |
// | 'l1' | 0.2646 |
// | 'l2' | 0.2646 |
// | 'l3' | 0.2646 |

// @name: a label no node has projects nothing
CALL plenary.algo.pageRank({nodes: 'Nobody'}) YIELD node, score RETURN node, score;
// @expect: rows
// | node | score |

// @name: a type the graph has never seen: nodes without relationships
CALL plenary.algo.pageRank({nodes: 'Ring', relationships: 'NOPE'}) YIELD node, score
RETURN node.name AS name, round(score, 4) AS score;
// @expect: rows
// | name | score  |
// | 'a'  | 0.3333 |
// | 'b'  | 0.3333 |
// | 'c'  | 0.3333 |

// @name: the top node, as a query would use it
CALL plenary.algo.pageRank({nodes: ['Star'], relationships: ['TO']}) YIELD node, score
RETURN node.name AS name ORDER BY score DESC LIMIT 1;
// @expect: rows ordered
// | name |
// | 'h'  |

// @name: degree: out-degree by default
CALL plenary.algo.degree({nodes: 'Star', relationships: 'TO'}) YIELD node, score
RETURN node.name AS name, score;
// @expect: rows
// | name | score |
// | 'h'  | 0.0   |
// | 'l1' | 1.0   |
// | 'l2' | 1.0   |
// | 'l3' | 1.0   |

// @name: degree: REVERSE counts in-degree
CALL plenary.algo.degree({nodes: 'Star', relationships: {TO: {orientation: 'REVERSE'}}}) YIELD node, score
RETURN node.name AS name, score;
// @expect: rows
// | name | score |
// | 'h'  | 3.0   |
// | 'l1' | 0.0   |
// | 'l2' | 0.0   |
// | 'l3' | 0.0   |

// @name: degree: weighted and UNDIRECTED adds the weights of both directions
CALL plenary.algo.degree({nodes: 'W', relationships: {R: {weight: 'w', orientation: 'UNDIRECTED'}}}) YIELD node, score
RETURN node.name AS name, score;
// @expect: rows
// | name | score |
// | 'a'  | 6.0   |
// | 'b'  | 4.0   |
// | 'c'  | 2.0   |
