// @graph: empty
// MERGE of a relationship between two bound nodes: the store's pair filter
// lets it skip the adjacency walk when no relationship joins the nodes; it
// must never make it miss one that does.
UNWIND range(1, 50) AS i CREATE (:A {i: i}), (:B {i: i});
MATCH (a:A), (b:B) WHERE a.i = b.i MERGE (a)-[:T]->(b);

// @name: merging the same pairs again creates nothing
MATCH (a:A), (b:B) WHERE a.i = b.i MERGE (a)-[r:T]->(b) RETURN count(r) AS n;
// @expect: rows relationships_created=0
// | n  |
// | 50 |

// @name: the reverse direction is a different pattern
MATCH (a:A {i: 1}), (b:B {i: 1}) MERGE (b)-[r:T]->(a);
// @expect: ok relationships_created=1

// @name: another type between a joined pair is created
MATCH (a:A {i: 2}), (b:B {i: 2}) MERGE (a)-[:U]->(b);
// @expect: ok relationships_created=1

// @name: after a delete, MERGE creates the relationship again
MATCH (a:A {i: 3})-[r:T]->(b:B {i: 3}) DELETE r;
// @expect: ok relationships_deleted=1

// @name: recreated
MATCH (a:A {i: 3}), (b:B {i: 3}) MERGE (a)-[:T]->(b);
// @expect: ok relationships_created=1

// @name: a statement that fails leaves no relationship behind, and MERGE sees none
MATCH (a:A {i: 4}), (b:B {i: 5}) MERGE (a)-[:T]->(b) WITH a RETURN 1 / 0 AS x;
// @expect: error ArithmeticError DivisionByZero

// @name: after the rollback
MATCH (a:A {i: 4}), (b:B {i: 5}) MERGE (a)-[r:T]->(b) RETURN count(r) AS n;
// @expect: rows relationships_created=1
// | n |
// | 1 |

// @name: every pair has exactly one T now
MATCH (a:A)-[r:T]->(b:B) RETURN count(r) AS n, count(DISTINCT a) AS a;
// @expect: rows
// | n  | a  |
// | 51 | 50 |
