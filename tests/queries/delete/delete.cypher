// @graph: empty
CREATE (a:P {name: 'a'})-[:R]->(b:P {name: 'b'}), (:Lonely), (:Lonely);

// @name: deleting a connected node fails
MATCH (n:P {name: 'a'}) DELETE n;
// @expect: error ConstraintVerificationFailed DeleteConnectedNode

// @name: the failed delete changed nothing (atomicity)
MATCH (n:P)-[r:R]->(m) RETURN n.name AS n, m.name AS m;
// @expect: rows
// | n   | m   |
// | 'a' | 'b' |

// @name: a failing statement rolls back its earlier writes too
MATCH (n:P {name: 'a'}) SET n.touched = true CREATE (:Ghost) WITH n DELETE n;
// @expect: error ConstraintVerificationFailed DeleteConnectedNode

// @name: nothing of the failed statement is visible
MATCH (n) WHERE n:Ghost OR n.touched IS NOT NULL RETURN count(n) AS c;
// @expect: rows
// | c |
// | 0 |

// @name: delete unconnected nodes
MATCH (n:Lonely) DELETE n;
// @expect: ok nodes_deleted=2

// @name: deleted nodes are gone
MATCH (n:Lonely) RETURN count(n) AS c;
// @expect: rows
// | c |
// | 0 |

// @name: delete a relationship
MATCH ()-[r:R]->() DELETE r;
// @expect: ok relationships_deleted=1 nodes_deleted=0

// @name: the nodes remain after deleting the relationship
MATCH (n:P) RETURN count(n) AS c;
// @expect: rows
// | c |
// | 2 |

// @name: detach delete removes the node and its relationships
CREATE (h:Hub)-[:E]->(:Leaf), (h)-[:E]->(:Leaf), (:Leaf)-[:E]->(h);
MATCH (h:Hub) DETACH DELETE h;
// @expect: ok nodes_deleted=1 relationships_deleted=3

// @name: the leaves survive a detach delete of the hub
MATCH (l:Leaf) OPTIONAL MATCH (l)-[e:E]-() RETURN count(DISTINCT l) AS leaves, count(e) AS edges;
// @expect: rows
// | leaves | edges |
// | 3      | 0     |

// @name: delete a node and its relationship in one statement
MATCH (a:P {name: 'a'}), (b:P {name: 'b'}) CREATE (a)-[:T]->(b);
MATCH (a:P {name: 'a'})-[r:T]->() DELETE r, a;
// @expect: ok nodes_deleted=1 relationships_deleted=1

// @name: delete a path
CREATE (:X)-[:Y]->(:X)-[:Y]->(:X);
MATCH p = (:X)-[:Y]->(:X)-[:Y]->(:X) DELETE p;
// @expect: ok nodes_deleted=3 relationships_deleted=2

// @name: deleting null is a no-op
OPTIONAL MATCH (n:Nothing) DELETE n;
// @expect: ok nodes_deleted=0

// @name: deleting the same node twice in one statement counts once
CREATE (:Twice);
MATCH (a:Twice), (b:Twice) DELETE a, b;
// @expect: ok nodes_deleted=1

// @name: returning a property of a deleted node is an error
CREATE (:Gone {v: 1});
MATCH (n:Gone) DELETE n RETURN n.v AS v;
// @expect: error EntityNotFound DeletedEntityAccess

// @name: after a failed statement the node is still there
MATCH (n:Gone) RETURN n.v AS v;
// @expect: rows
// | v |
// | 1 |

// @name: deleting a non-entity is a type error
WITH 1 AS x DELETE x;
// @expect: error TypeError InvalidArgumentType

// @name: detach delete everything
MATCH (n) DETACH DELETE n;
// @expect: ok

// @name: the graph is empty
MATCH (n) RETURN count(n) AS c;
// @expect: rows
// | c |
// | 0 |
