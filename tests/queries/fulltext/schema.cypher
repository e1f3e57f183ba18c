// @graph: empty
CREATE (:Sentence {text: 'peace'});

// @name: create a full-text index over two labels and two properties
CREATE FULLTEXT INDEX talk FOR (n:Sentence|Statement) ON EACH [n.text, n.quote] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
// @expect: ok indexes_added=1

// @name: over relationships
CREATE FULLTEXT INDEX said IF NOT EXISTS FOR ()-[r:SAID]-() ON EACH [r.quote];
// @expect: ok indexes_added=1

// @name: IF NOT EXISTS is a no-op for an existing name
CREATE FULLTEXT INDEX said IF NOT EXISTS FOR ()-[r:SAID]-() ON EACH [r.quote];
// @expect: ok indexes_added=0

// @name: the same name again is an error
CREATE FULLTEXT INDEX said FOR (n:X) ON EACH [n.y];
// @expect: error SemanticError EquivalentSchemaRuleAlreadyExists

// @name: a property index may not take a full-text index's name
CREATE INDEX talk FOR (n:X) ON (n.y);
// @expect: error SemanticError EquivalentSchemaRuleAlreadyExists

// @name: a property index beside them
CREATE INDEX sentence_id FOR (s:Sentence) ON (s.id);
// @expect: ok indexes_added=1

// @name: SHOW INDEXES lists all
SHOW INDEXES;
// @expect: rows
// | name          | type       | entityType     | labelsOrTypes            | properties        |
// | 'sentence_id' | 'RANGE'    | 'NODE'         | ['Sentence']             | ['id']            |
// | 'talk'        | 'FULLTEXT' | 'NODE'         | ['Sentence', 'Statement'] | ['text', 'quote'] |
// | 'said'        | 'FULLTEXT' | 'RELATIONSHIP' | ['SAID']                 | ['quote']         |

// @name: SHOW FULLTEXT INDEXES lists the full-text ones
SHOW FULLTEXT INDEXES;
// @expect: rows
// | name   | type       | entityType     | labelsOrTypes             | properties        |
// | 'talk' | 'FULLTEXT' | 'NODE'         | ['Sentence', 'Statement'] | ['text', 'quote'] |
// | 'said' | 'FULLTEXT' | 'RELATIONSHIP' | ['SAID']                  | ['quote']         |

// @name: existing data is indexed when the index is created
CALL db.index.fulltext.queryNodes('talk', 'peaceful') YIELD node RETURN node.text AS text;
// @expect: rows
// | text    |
// | 'peace' |

// @name: a generated name
CREATE FULLTEXT INDEX FOR (n:Doc) ON EACH [n.body];
// @expect: ok indexes_added=1

// @name: DROP INDEX drops a full-text index
DROP INDEX fulltext_Doc_body;
// @expect: ok indexes_removed=1

// @name: DROP INDEX said
DROP INDEX said;
// @expect: ok indexes_removed=1

// @name: querying a dropped index fails
CALL db.index.fulltext.queryRelationships('said', 'x') YIELD relationship RETURN relationship;
// @expect: error ProcedureError ProcedureCallFailed

// @name: DROP INDEX of a missing name fails
DROP INDEX said;
// @expect: error SemanticError IndexNotFound

// @name: DROP CONSTRAINT does not drop a full-text index
DROP CONSTRAINT talk;
// @expect: error SemanticError ConstraintNotFound

// @name: what remains
SHOW FULLTEXT INDEXES;
// @expect: rows
// | name   | type       | entityType | labelsOrTypes             | properties        |
// | 'talk' | 'FULLTEXT' | 'NODE'     | ['Sentence', 'Statement'] | ['text', 'quote'] |
