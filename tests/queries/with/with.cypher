// @graph: empty
CREATE (a:P {name: 'a', n: 1}), (b:P {name: 'b', n: 2}), (c:P {name: 'c', n: 3}),
       (a)-[:R]->(b), (a)-[:R]->(c), (b)-[:R]->(c);

// @name: WITH passes variables on
MATCH (p:P) WITH p WHERE p.n > 1 RETURN p.name AS name;
// @expect: rows
// | name |
// | 'b'  |
// | 'c'  |

// @name: WITH hides variables not listed
MATCH (p:P)-->(q) WITH p RETURN q;
// @expect: error SyntaxError UndefinedVariable

// @name: WITH with an alias and a computed value
MATCH (p:P) WITH p.name AS name, p.n * 10 AS tens WHERE tens >= 20 RETURN name, tens;
// @expect: rows
// | name | tens |
// | 'b'  | 20   |
// | 'c'  | 30   |

// @name: WITH aggregation then filter (HAVING-like)
MATCH (p:P)-[:R]->(q) WITH p, count(q) AS out WHERE out > 1 RETURN p.name AS name, out;
// @expect: rows
// | name | out |
// | 'a'  | 2   |

// @name: WITH DISTINCT
MATCH (p:P)-[:R]->(q) WITH DISTINCT q RETURN q.name AS name;
// @expect: rows
// | name |
// | 'b'  |
// | 'c'  |

// @name: WITH ORDER BY LIMIT keeps the top row
MATCH (p:P) WITH p ORDER BY p.n DESC LIMIT 1 RETURN p.name AS name;
// @expect: rows
// | name |
// | 'c'  |

// @name: WITH star keeps everything
MATCH (p:P {name: 'a'}) WITH *, 1 AS one RETURN p.name AS name, one;
// @expect: rows
// | name | one |
// | 'a'  | 1   |

// @name: chained WITH clauses
WITH 1 AS x WITH x + 1 AS y WITH y * 2 AS z RETURN z;
// @expect: rows
// | z |
// | 4 |

// @name: WITH then MATCH uses the bound node
MATCH (p:P {name: 'b'}) WITH p MATCH (p)-[:R]->(q) RETURN q.name AS name;
// @expect: rows
// | name |
// | 'c'  |

// @name: WITH renaming a variable
MATCH (p:P {name: 'a'}) WITH p AS start MATCH (start)-->(x) RETURN count(x) AS c;
// @expect: rows
// | c |
// | 2 |

// @name: WITH an unaliased expression is an error
MATCH (p:P) WITH p.name RETURN 1;
// @expect: error SyntaxError NoExpressionAlias

// @name: WITH collect then UNWIND restores rows
MATCH (p:P) WITH collect(p.n) AS ns UNWIND ns AS n RETURN sum(n) AS s;
// @expect: rows
// | s |
// | 6 |

// @name: aggregation in WITH over no rows still yields one row
MATCH (p:Nobody) WITH count(p) AS c RETURN c;
// @expect: rows
// | c |
// | 0 |

// @name: WITH grouping key and aggregate over no rows yields no rows
MATCH (p:Nobody) WITH p.name AS name, count(*) AS c RETURN name, c;
// @expect: rows
// | name | c |

// @name: WHERE after WITH referencing an aliased aggregate
UNWIND [1, 2, 2, 3, 3, 3] AS x WITH x, count(*) AS c WHERE c >= 2 RETURN x, c;
// @expect: rows
// | x | c |
// | 2 | 2 |
// | 3 | 3 |

// @name: shadowing a variable with WITH is an error
WITH 1 AS x MATCH (x) RETURN x;
// @expect: error SyntaxError VariableTypeConflict
