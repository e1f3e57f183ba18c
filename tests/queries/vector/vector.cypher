// @graph: empty
// Exact search, Neo4j's scores: cosine (1 + cos) / 2, euclidean 1 / (1 + d²).
CREATE VECTOR INDEX emb IF NOT EXISTS FOR (n:Doc) ON n.embedding OPTIONS {indexConfig: {`vector.dimensions`: 2, `vector.similarity_function`: 'cosine'}};
CREATE VECTOR INDEX near FOR (n:Doc) ON (n.embedding) OPTIONS {indexConfig: {`vector.dimensions`: 2, `vector.similarity_function`: 'euclidean'}};
CREATE VECTOR INDEX rels FOR ()-[r:LINK]-() ON r.v OPTIONS {indexConfig: {`vector.dimensions`: 2}};
CREATE (:Doc {k: 1, embedding: [1.0, 0.0]}), (:Doc {k: 2, embedding: [0.0, 1.0]}),
       (:Doc {k: 3, embedding: [3, 4]}), (:Doc {k: 4, embedding: [-1.0, 0.0]}),
       (:Doc {k: 5, embedding: [1.0, 2.0, 3.0]}), (:Doc {k: 6, embedding: 'not a vector'}),
       (:Other {k: 7, embedding: [1.0, 0.0]});

// @name: cosine: (1 + cos) / 2; k = 1: 1.0, k = 3: cos = 0.6 → 0.8, k = 2: 0.5, k = 4: 0; wrong dimensions and non-vectors are skipped
CALL db.index.vector.queryNodes('emb', 10, [1.0, 0.0]) YIELD node, score
RETURN collect(node.k) AS ks, collect(round(score, 6)) AS scores;
// @expect: rows
// | ks           | scores               |
// | [1, 3, 2, 4] | [1.0, 0.8, 0.5, 0.0] |

// @name: k limits the answer to the nearest
CALL db.index.vector.queryNodes('emb', 2, [0.6, 0.8]) YIELD node, score
RETURN collect(node.k) AS ks, collect(round(score, 6)) AS scores;
// @expect: rows
// | ks     | scores        |
// | [3, 2] | [1.0, 0.9]    |

// @name: euclidean: 1 / (1 + d²); from [0, 0]: d² = 1, 1, 25, 1 (ties by id)
CALL db.index.vector.queryNodes('near', 4, [0, 0]) YIELD node, score
RETURN collect(node.k) AS ks, collect(round(score, 6)) AS scores;
// @expect: rows
// | ks           | scores                          |
// | [1, 2, 4, 3] | [0.5, 0.5, 0.5, 0.038462]       |

// @name: the similarity functions
RETURN vector.similarity.cosine([1, 0], [3, 4]) AS c, vector.similarity.euclidean([0, 0], [3, 4]) AS e,
       vector.similarity.cosine(null, [1, 2]) AS n;
// @expect: rows
// | c   | e                    | n    |
// | 0.8 | 0.038461538461538464 | null |

// @name: the functions rank like the index
MATCH (d:Doc) WHERE size(d.embedding) = 2
RETURN d.k AS k, round(vector.similarity.cosine(d.embedding, [1.0, 0.0]), 6) AS score ORDER BY score DESC, k;
// @expect: rows ordered
// | k | score |
// | 1 | 1.0   |
// | 3 | 0.8   |
// | 2 | 0.5   |
// | 4 | 0.0   |

// @name: vectors of different lengths are an error
RETURN vector.similarity.cosine([1, 0], [1, 0, 0]) AS c;
// @expect: error ArgumentError InvalidArgumentValue

// @name: the index follows writes: SET and DELETE
MATCH (d:Doc {k: 2}) SET d.embedding = [0.6, 0.8] WITH d MATCH (x:Doc {k: 1}) DELETE x;
// @expect: ok nodes_deleted=1

// @name: the nearest after the writes
CALL db.index.vector.queryNodes('emb', 2, [0.6, 0.8]) YIELD node, score
RETURN collect(node.k) AS ks;
// @expect: rows
// | ks     |
// | [2, 3] |

// @name: relationships
MATCH (a:Doc {k: 2}), (b:Doc {k: 3}) CREATE (a)-[:LINK {v: [1, 1]}]->(b), (b)-[:LINK {v: [1, -1]}]->(a);
// @expect: ok relationships_created=2

// @name: relationship vectors, cosine by default
CALL db.index.vector.queryRelationships('rels', 1, [2, 2]) YIELD relationship, score
RETURN relationship.v AS v, round(score, 6) AS score;
// @expect: rows
// | v      | score |
// | [1, 1] | 1.0   |

// @name: SHOW VECTOR INDEXES
SHOW VECTOR INDEXES;
// @expect: rows
// | name   | type     | entityType     | labelsOrTypes | properties    |
// | 'emb'  | 'VECTOR' | 'NODE'         | ['Doc']       | ['embedding'] |
// | 'near' | 'VECTOR' | 'NODE'         | ['Doc']       | ['embedding'] |
// | 'rels' | 'VECTOR' | 'RELATIONSHIP' | ['LINK']      | ['v']         |

// @name: the query vector must have the index's dimensions
CALL db.index.vector.queryNodes('emb', 2, [1.0, 0.0, 0.0]) YIELD node RETURN node;
// @expect: error ProcedureError ProcedureCallFailed

// @name: k must be positive
CALL db.index.vector.queryNodes('emb', 0, [1.0, 0.0]) YIELD node RETURN node;
// @expect: error ProcedureError ProcedureCallFailed

// @name: a zero query vector has no cosine
CALL db.index.vector.queryNodes('emb', 1, [0, 0]) YIELD node RETURN node;
// @expect: error ProcedureError ProcedureCallFailed

// @name: an unknown index
CALL db.index.vector.queryNodes('emd', 1, [1, 0]) YIELD node RETURN node;
// @expect: error ProcedureError ProcedureCallFailed

// @name: dimensions are required
CREATE VECTOR INDEX bad FOR (n:Doc) ON n.x;
// @expect: error SemanticError InvalidIndexOptions

// @name: one label only
CREATE VECTOR INDEX bad FOR (n:Doc|Other) ON n.x OPTIONS {indexConfig: {`vector.dimensions`: 2}};
// @expect: error SemanticError InvalidIndexOptions

// @name: an unknown similarity
CREATE VECTOR INDEX bad FOR (n:Doc) ON n.x OPTIONS {indexConfig: {`vector.dimensions`: 2, `vector.similarity_function`: 'manhattan'}};
// @expect: error SemanticError InvalidIndexOptions

// @name: too many dimensions
CREATE VECTOR INDEX bad FOR (n:Doc) ON n.x OPTIONS {indexConfig: {`vector.dimensions`: 5000}};
// @expect: error SemanticError InvalidIndexOptions

// @name: DROP INDEX drops a vector index
DROP INDEX near;
// @expect: ok indexes_removed=1

// @name: a rolled-back CREATE VECTOR INDEX is not left behind
BEGIN;
// @expect: ok

// @name: inside the transaction
CREATE VECTOR INDEX tmp FOR (n:Doc) ON n.t OPTIONS {indexConfig: {`vector.dimensions`: 2}};
// @expect: ok indexes_added=1

// @name: roll it back
ROLLBACK;
// @expect: ok

// @name: what remains
SHOW VECTOR INDEXES;
// @expect: rows
// | name   | type     | entityType     | labelsOrTypes | properties    |
// | 'emb'  | 'VECTOR' | 'NODE'         | ['Doc']       | ['embedding'] |
// | 'rels' | 'VECTOR' | 'RELATIONSHIP' | ['LINK']      | ['v']         |
