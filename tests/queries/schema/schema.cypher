// @graph: empty
CREATE (:Person {name: 'Ada', email: 'ada@x.org'})-[:KNOWS {since: 2000}]->(:Person {name: 'Bob'});

// @name: create an index
CREATE INDEX person_name FOR (p:Person) ON (p.name);
// @expect: ok indexes_added=1

// @name: the index is listed
CALL db.indexes() YIELD name RETURN name;
// @expect: rows
// | name          |
// | 'person_name' |

// @name: queries give the same answers with the index
MATCH (p:Person {name: 'Bob'}) RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Bob' |

// @name: range lookup over an indexed property
MATCH (p:Person) WHERE p.name >= 'B' RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Bob' |

// @name: creating the same index again with IF NOT EXISTS is a no-op
CREATE INDEX person_name IF NOT EXISTS FOR (p:Person) ON (p.name);
// @expect: ok indexes_added=0

// @name: drop the index
DROP INDEX person_name;
// @expect: ok indexes_removed=1

// @name: no indexes remain
CALL db.indexes() YIELD name RETURN name;
// @expect: rows
// | name |

// @name: dropping a missing index with IF EXISTS is a no-op
DROP INDEX person_name IF EXISTS;
// @expect: ok indexes_removed=0

// @name: create a uniqueness constraint
CREATE CONSTRAINT person_email FOR (p:Person) REQUIRE p.email IS UNIQUE;
// @expect: ok constraints_added=1

// @name: a duplicate value violates the constraint
CREATE (:Person {email: 'ada@x.org'});
// @expect: error ConstraintValidationFailed ConstraintValidationFailed

// @name: setting a duplicate value violates the constraint
MATCH (p:Person {name: 'Bob'}) SET p.email = 'ada@x.org';
// @expect: error ConstraintValidationFailed ConstraintValidationFailed

// @name: the violating statements changed nothing
MATCH (p:Person) RETURN count(p) AS c, count(p.email) AS emails;
// @expect: rows
// | c | emails |
// | 2 | 1      |

// @name: distinct values and missing properties are fine
CREATE (:Person {email: 'new@x.org'}), (:Person {name: 'No email'});
// @expect: ok nodes_created=2

// @name: MERGE on a unique property finds the existing node
MERGE (p:Person {email: 'ada@x.org'}) RETURN p.name AS name;
// @expect: rows nodes_created=0
// | name  |
// | 'Ada' |

// @name: creating a constraint that existing data violates fails
CREATE (:Dup {k: 1}), (:Dup {k: 1});
CREATE CONSTRAINT dup_k FOR (d:Dup) REQUIRE d.k IS UNIQUE;
// @expect: error ConstraintVerificationFailed ConstraintVerificationFailed

// @name: db.labels lists the labels in use
CALL db.labels() YIELD label RETURN label ORDER BY label;
// @expect: rows ordered
// | label    |
// | 'Dup'    |
// | 'Person' |

// @name: db.relationshipTypes
CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType;
// @expect: rows
// | relationshipType |
// | 'KNOWS'          |

// @name: db.propertyKeys
CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey ORDER BY propertyKey;
// @expect: rows ordered
// | propertyKey |
// | 'email'     |
// | 'k'         |
// | 'name'      |
// | 'since'     |

// @name: YIELD with an alias and WHERE
CALL db.labels() YIELD label AS l WHERE l STARTS WITH 'P' RETURN l;
// @expect: rows
// | l        |
// | 'Person' |

// @name: standalone CALL returns the procedure's columns
CALL db.relationshipTypes();
// @expect: rows
// | relationshipType |
// | 'KNOWS'          |

// @name: an unknown procedure is an error
CALL db.nothing();
// @expect: error ProcedureError ProcedureNotFound
