// @graph: empty
CREATE (:Person {name: 'Ada', age: 36}), (:Person {name: 'Bob', age: 25}), (:Person {name: 'Ada', age: 20});

// @name: alias names the column
RETURN 1 + 2 AS three;
// @expect: rows
// | three |
// | 3     |

// @name: column named after the expression text
MATCH (p:Person {age: 36}) RETURN p.name;
// @expect: rows
// | p.name |
// | 'Ada'  |

// @name: column name keeps the original spacing of the expression
RETURN 1 + 2;
// @expect: rows
// | 1 + 2 |
// | 3     |

// @name: column name of a function call
RETURN toUpper('a');
// @expect: rows
// | toUpper('a') |
// | 'A'          |

// @name: column name of count star
MATCH (p:Person) RETURN count(*);
// @expect: rows
// | count(*) |
// | 3        |

// @name: column name of a literal string
RETURN 'hi';
// @expect: rows
// | 'hi' |
// | 'hi' |

// @name: backticked alias with a space
RETURN 1 AS `my column`;
// @expect: rows
// | my column |
// | 1         |

// @name: several columns keep their order
RETURN 1 AS b, 2 AS a, 3 AS c;
// @expect: rows
// | b | a | c |
// | 1 | 2 | 3 |

// @name: DISTINCT removes duplicate rows
MATCH (p:Person) RETURN DISTINCT p.name AS name;
// @expect: rows
// | name  |
// | 'Ada' |
// | 'Bob' |

// @name: DISTINCT over several columns
MATCH (p:Person) RETURN DISTINCT p.name AS name, p.age > 30 AS old;
// @expect: rows
// | name  | old   |
// | 'Ada' | true  |
// | 'Bob' | false |
// | 'Ada' | false |

// @name: DISTINCT treats nulls as equal
UNWIND [null, 1, null, 1] AS x RETURN DISTINCT x;
// @expect: rows
// | x    |
// | null |
// | 1    |

// @name: DISTINCT treats 1 and 1.0 as equal (equivalence)
UNWIND [1, 1.0] AS x RETURN count(DISTINCT x) AS c;
// @expect: rows
// | c |
// | 1 |

// @name: DISTINCT on lists
UNWIND [[1, 2], [1, 2], [2, 1]] AS x RETURN DISTINCT x;
// @expect: rows
// | x      |
// | [1, 2] |
// | [2, 1] |

// @name: RETURN star returns all variables in scope
MATCH (p:Person {age: 25}) WITH p.name AS name, p.age AS age RETURN *;
// @expect: rows
// | age | name  |
// | 25  | 'Bob' |

// @name: RETURN star plus an extra column
WITH 1 AS a RETURN *, a + 1 AS b;
// @expect: rows
// | a | b |
// | 1 | 2 |

// @name: returning a missing property is null
MATCH (p:Person {age: 25}) RETURN p.email AS email;
// @expect: rows
// | email |
// | null  |

// @name: map literal in RETURN
RETURN {a: 1, b: 'x'} AS m;
// @expect: rows
// | m              |
// | {a: 1, b: 'x'} |

// @name: list literal in RETURN
RETURN [1, 'two', 3.0, null, [true]] AS l;
// @expect: rows
// | l                            |
// | [1, 'two', 3.0, null, [true]] |

// @name: RETURN without MATCH gives one row
RETURN null AS n;
// @expect: rows
// | n    |
// | null |

// @name: the same expression twice with different aliases
RETURN 1 AS a, 1 AS b;
// @expect: rows
// | a | b |
// | 1 | 1 |

// @name: duplicate column names are an error
RETURN 1 AS a, 2 AS a;
// @expect: error SyntaxError ColumnNameConflict

// @name: MATCH with no results returns no rows
MATCH (p:Nobody) RETURN p.name AS name;
// @expect: rows
// | name |

// @name: returning a node with its properties
MATCH (p:Person {age: 20}) RETURN p;
// @expect: rows
// | p                                   |
// | (:Person {age: 20, name: 'Ada'})    |

// @name: property access on a map
WITH {a: {b: 42}} AS m RETURN m.a.b AS x;
// @expect: rows
// | x  |
// | 42 |

// @name: dynamic property access on a node
MATCH (p:Person {age: 25}) RETURN p['name'] AS name;
// @expect: rows
// | name  |
// | 'Bob' |
