// @graph: empty
CREATE FULLTEXT INDEX docs FOR (n:Doc|Note) ON EACH [n.text];
CREATE FULLTEXT INDEX said FOR ()-[r:SAID]-() ON EACH [r.quote];
CREATE (:Doc {k: 0, text: 'peace talks'}), (:Doc {k: 1, text: 'war'}), (:Other {k: 2, text: 'peace'});

// @name: only nodes with one of the labels are indexed
CALL db.index.fulltext.queryNodes('docs', 'peace') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [0] |

// @name: CREATE adds documents
CREATE (:Note {k: 3, text: 'peace in our time'});
// @expect: ok nodes_created=1

// @name: the new node is found at once
CALL db.index.fulltext.queryNodes('docs', 'peace') YIELD node RETURN node.k AS k ORDER BY k;
// @expect: rows ordered
// | k |
// | 0 |
// | 3 |

// @name: SET replaces a document's text
MATCH (d {k: 1}) SET d.text = 'peace at last';
// @expect: ok properties_set=1

// @name: the old text is gone, the new one is found
CALL db.index.fulltext.queryNodes('docs', 'war OR last') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [1] |

// @name: SET n += map
MATCH (d {k: 0}) SET d += {text: 'ceasefire'};
// @expect: ok properties_set=1

// @name: found by its new text only
CALL db.index.fulltext.queryNodes('docs', 'ceasefire OR talks') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [0] |

// @name: a non-string value is not indexed
MATCH (d {k: 0}) SET d.text = 42;
// @expect: ok properties_set=1

// @name: nothing holds ceasefire now
CALL db.index.fulltext.queryNodes('docs', 'ceasefire OR 42') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks |
// | [] |

// @name: a list of strings is indexed, each string its own run of positions
MATCH (d {k: 0}) SET d.text = ['peace talks', 'geneva'];
// @expect: ok properties_set=1

// @name: a phrase does not run across two strings of a list
CALL db.index.fulltext.queryNodes('docs', '"talks geneva"') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks |
// | [] |

// @name: each string of the list is found
CALL db.index.fulltext.queryNodes('docs', 'geneva') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [0] |

// @name: REMOVE of the property drops the document
MATCH (d {k: 3}) REMOVE d.text;
// @expect: ok properties_set=1

// @name: the note is no longer found
CALL db.index.fulltext.queryNodes('docs', 'time') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks |
// | [] |

// @name: a label added brings a node in
MATCH (o:Other) SET o:Doc;
// @expect: ok labels_added=1

// @name: the relabelled node is found
CALL db.index.fulltext.queryNodes('docs', 'peace') YIELD node RETURN node.k AS k ORDER BY k;
// @expect: rows ordered
// | k |
// | 0 |
// | 1 |
// | 2 |

// @name: a label removed takes it out
MATCH (o:Other) REMOVE o:Doc;
// @expect: ok labels_removed=1

// @name: it is gone again
CALL db.index.fulltext.queryNodes('docs', 'peace') YIELD node RETURN node.k AS k ORDER BY k;
// @expect: rows ordered
// | k |
// | 0 |
// | 1 |

// @name: MERGE creates and indexes
MERGE (d:Doc {k: 5}) ON CREATE SET d.text = 'merged peace';
// @expect: ok nodes_created=1

// @name: MERGE on match updates
MERGE (d:Doc {k: 5}) ON MATCH SET d.text = 'merged twice';
// @expect: ok properties_set=1

// @name: the merged node is found by its last text
CALL db.index.fulltext.queryNodes('docs', 'merged') YIELD node, score RETURN node.text AS text;
// @expect: rows
// | text           |
// | 'merged twice' |

// @name: DELETE removes documents
MATCH (d:Doc {k: 5}) DELETE d;
// @expect: ok nodes_deleted=1

// @name: the deleted node is not found
CALL db.index.fulltext.queryNodes('docs', 'merged') YIELD node RETURN count(*) AS n;
// @expect: rows
// | n |
// | 0 |

// @name: a failing statement changes nothing: SET then an error
MATCH (d:Doc {k: 1}) SET d.text = 'rolled back' WITH d RETURN 1 / 0 AS x;
// @expect: error ArithmeticError DivisionByZero

// @name: a failing statement changes nothing: CREATE, DELETE, label changes then an error
CREATE (:Doc {k: 9, text: 'rolled back'}) WITH 1 AS one
MATCH (d:Doc {k: 0}) DETACH DELETE d WITH 1 AS two
MATCH (o:Other) SET o:Doc
WITH 1 AS three RETURN 1 / 0 AS x;
// @expect: error ArithmeticError DivisionByZero

// @name: after the rollbacks the index is as it was
CALL db.index.fulltext.queryNodes('docs', 'rolled OR back OR peace OR geneva') YIELD node RETURN node.k AS k, node.text AS text ORDER BY k;
// @expect: rows ordered
// | k | text                       |
// | 0 | ['peace talks', 'geneva']  |
// | 1 | 'peace at last'            |

// @name: relationships: CREATE
MATCH (a {k: 0}), (b {k: 1}) CREATE (a)-[:SAID {quote: 'we want peace'}]->(b), (b)-[:SAID {quote: 'no more war'}]->(a), (a)-[:HEARD {quote: 'peace'}]->(b);
// @expect: ok relationships_created=3

// @name: only relationships of the type are indexed
CALL db.index.fulltext.queryRelationships('said', 'peace OR war') YIELD relationship, score
RETURN relationship.quote AS quote ORDER BY quote;
// @expect: rows ordered
// | quote           |
// | 'no more war'   |
// | 'we want peace' |

// @name: relationships: SET
MATCH ()-[r:SAID {quote: 'no more war'}]->() SET r.quote = 'war again';
// @expect: ok properties_set=1

// @name: relationships: a failing DELETE leaves them
MATCH ()-[r:SAID]->() DELETE r WITH 1 AS x RETURN 1 / 0 AS y;
// @expect: error ArithmeticError DivisionByZero

// @name: the updated relationship is found, the failed delete changed nothing
CALL db.index.fulltext.queryRelationships('said', 'again OR peace') YIELD relationship
RETURN relationship.quote AS quote ORDER BY quote;
// @expect: rows ordered
// | quote           |
// | 'war again'     |
// | 'we want peace' |

// @name: relationships: DETACH DELETE of an end removes them
MATCH (a {k: 1}) DETACH DELETE a;
// @expect: ok nodes_deleted=1

// @name: no relationship left to find
CALL db.index.fulltext.queryRelationships('said', 'again OR peace') YIELD relationship RETURN count(*) AS n;
// @expect: rows
// | n |
// | 0 |

// @name: a node index is not queried as a relationship index
CALL db.index.fulltext.queryRelationships('docs', 'peace') YIELD relationship RETURN relationship;
// @expect: error ProcedureError ProcedureCallFailed

// @name: FOREACH and UNWIND write through the same API
UNWIND ['alpha', 'beta'] AS w CREATE (:Doc {text: w});
// @expect: ok nodes_created=2

// @name: both are found
CALL db.index.fulltext.queryNodes('docs', 'alpha beta') YIELD node RETURN count(*) AS n;
// @expect: rows
// | n |
// | 2 |
