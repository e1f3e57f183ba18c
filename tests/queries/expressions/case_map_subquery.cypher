// @graph: empty
CREATE (a:P {name: 'Ada', age: 36})-[:KNOWS]->(b:P {name: 'Bob', age: 25}),
       (a)-[:KNOWS]->(:P {name: 'Cy'}), (b)-[:KNOWS]->(a);

// @name: simple CASE
UNWIND [1, 2, 3] AS x RETURN x, CASE x WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END AS s;
// @expect: rows
// | x | s      |
// | 1 | 'one'  |
// | 2 | 'two'  |
// | 3 | 'many' |

// @name: simple CASE without ELSE yields null
RETURN CASE 5 WHEN 1 THEN 'one' END AS s;
// @expect: rows
// | s    |
// | null |

// @name: simple CASE does not match null with null
RETURN CASE null WHEN null THEN 'matched' ELSE 'not matched' END AS s;
// @expect: rows
// | s             |
// | 'not matched' |

// @name: generic CASE picks the first true branch
UNWIND [5, 15, 25] AS x RETURN x, CASE WHEN x < 10 THEN 'low' WHEN x < 20 THEN 'mid' ELSE 'high' END AS s;
// @expect: rows
// | x  | s      |
// | 5  | 'low'  |
// | 15 | 'mid'  |
// | 25 | 'high' |

// @name: generic CASE treats a null condition as false
RETURN CASE WHEN null THEN 1 ELSE 2 END AS s;
// @expect: rows
// | s |
// | 2 |

// @name: CASE on a property
MATCH (p:P) RETURN p.name AS name, CASE WHEN p.age IS NULL THEN 'unknown' ELSE toString(p.age) END AS age;
// @expect: rows
// | name  | age       |
// | 'Ada' | '36'      |
// | 'Bob' | '25'      |
// | 'Cy'  | 'unknown' |

// @name: map projection with properties
MATCH (p:P {name: 'Ada'}) RETURN p {.name, .age} AS m;
// @expect: rows
// | m                       |
// | {age: 36, name: 'Ada'}  |

// @name: map projection of a missing property gives null
MATCH (p:P {name: 'Cy'}) RETURN p {.name, .age} AS m;
// @expect: rows
// | m                        |
// | {age: null, name: 'Cy'}  |

// @name: map projection with all properties and literal entries
MATCH (p:P {name: 'Bob'}) RETURN p {.*, extra: 1} AS m;
// @expect: rows
// | m                                |
// | {age: 25, extra: 1, name: 'Bob'} |

// @name: map projection with a variable selector
MATCH (p:P {name: 'Bob'}) WITH p, 7 AS n RETURN p {.name, n} AS m;
// @expect: rows
// | m                   |
// | {n: 7, name: 'Bob'} |

// @name: map projection on a map
WITH {a: 1, b: 2} AS x RETURN x {.a, c: 3} AS m;
// @expect: rows
// | m            |
// | {a: 1, c: 3} |

// @name: map projection on null is null
OPTIONAL MATCH (n:Nothing) RETURN n {.name} AS m;
// @expect: rows
// | m    |
// | null |

// @name: map projection with a pattern comprehension
MATCH (p:P {name: 'Ada'}) RETURN p {.name, friends: size([(p)-[:KNOWS]->(f) | f])} AS m;
// @expect: rows
// | m                         |
// | {friends: 2, name: 'Ada'} |

// @name: COUNT subquery
MATCH (p:P) RETURN p.name AS name, COUNT { (p)-[:KNOWS]->() } AS out;
// @expect: rows
// | name  | out |
// | 'Ada' | 2   |
// | 'Bob' | 1   |
// | 'Cy'  | 0   |

// @name: COUNT subquery with MATCH and WHERE
MATCH (p:P) RETURN p.name AS name, COUNT { MATCH (p)-[:KNOWS]->(f) WHERE f.age > 30 } AS old;
// @expect: rows
// | name  | old |
// | 'Ada' | 0   |
// | 'Bob' | 1   |
// | 'Cy'  | 0   |

// @name: EXISTS subquery as a value
MATCH (p:P) RETURN p.name AS name, EXISTS { (p)<-[:KNOWS]-() } AS known;
// @expect: rows
// | name  | known |
// | 'Ada' | true  |
// | 'Bob' | true  |
// | 'Cy'  | true  |

// @name: EXISTS subquery that matches nothing
MATCH (p:P {name: 'Cy'}) RETURN EXISTS { (p)-[:KNOWS]->() } AS e;
// @expect: rows
// | e     |
// | false |

// @name: COUNT subquery in WHERE
MATCH (p:P) WHERE COUNT { (p)-[:KNOWS]-() } >= 3 RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Ada' |

// @name: EXISTS subquery correlated with two outer variables
MATCH (a:P {name: 'Ada'}), (b:P) WHERE EXISTS { (a)-[:KNOWS]->(b)-[:KNOWS]->(a) } RETURN b.name AS name;
// @expect: rows
// | name  |
// | 'Bob' |
