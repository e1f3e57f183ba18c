// @graph: empty

// @name: integer parameter
// @param x = 41
RETURN $x + 1 AS y;
// @expect: rows
// | y  |
// | 42 |

// @name: string parameter
// @param s = 'it\'s'
RETURN $s AS s, size($s) AS n;
// @expect: rows
// | s       | n |
// | 'it\'s' | 4 |

// @name: float, boolean and null parameters
// @param f = 1.5
// @param b = true
// @param n = null
RETURN $f AS f, $b AS b, $n AS n, $n IS NULL AS isnull;
// @expect: rows
// | f   | b    | n    | isnull |
// | 1.5 | true | null | true   |

// @name: list parameter with IN
// @param names = ['a', 'c']
UNWIND ['a', 'b', 'c'] AS x WITH x WHERE x IN $names RETURN x;
// @expect: rows
// | x   |
// | 'a' |
// | 'c' |

// @name: map parameter and its fields
// @param m = {name: 'Ada', tags: ['x', 'y'], inner: {k: 1}}
RETURN $m.name AS name, $m.tags[1] AS tag, $m.inner.k AS k;
// @expect: rows
// | name  | tag | k |
// | 'Ada' | 'y' | 1 |

// @name: parameters apply to one statement only
RETURN $x AS x;
// @expect: error ParameterMissing MissingParameter

// @name: parameter as a property value in CREATE
// @param name = 'Bob'
CREATE (p:Person {name: $name}) RETURN p.name AS name;
// @expect: rows nodes_created=1
// | name  |
// | 'Bob' |

// @name: parameter in a WHERE lookup
// @param name = 'Bob'
MATCH (p:Person) WHERE p.name = $name RETURN count(p) AS c;
// @expect: rows
// | c |
// | 1 |

// @name: parameter in an inline property map
// @param name = 'Bob'
MATCH (p:Person {name: $name}) RETURN p.name AS name;
// @expect: rows
// | name  |
// | 'Bob' |

// @name: parameter map for SET +=
// @param props = {age: 30, city: 'Oslo'}
MATCH (p:Person {name: 'Bob'}) SET p += $props RETURN p.age AS age, p.city AS city;
// @expect: rows properties_set=2
// | age | city   |
// | 30  | 'Oslo' |

// @name: list of maps parameter with UNWIND and CREATE
// @param rows = [{n: 1}, {n: 2}, {n: 3}]
UNWIND $rows AS row CREATE (:Item {n: row.n});
// @expect: ok nodes_created=3 properties_set=3

// @name: parameter used twice
// @param v = 3
RETURN $v * $v AS sq;
// @expect: rows
// | sq |
// | 9  |

// @name: parameter with a backticked name
// @param `my param` = 5
RETURN $`my param` AS x;
// @expect: rows
// | x |
// | 5 |

// @name: numeric parameter names are allowed
// @param 0 = 'zero'
RETURN $0 AS x;
// @expect: rows
// | x      |
// | 'zero' |

// @name: parameter in SKIP and LIMIT together
// @param s = 1
// @param l = 2
UNWIND [1, 2, 3, 4] AS x RETURN x ORDER BY x SKIP $s LIMIT $l;
// @expect: rows ordered
// | x |
// | 2 |
// | 3 |
