// @graph: empty
CREATE (:N {v: 3, s: 'b'}), (:N {v: 1, s: 'c'}), (:N {v: 2, s: 'a'}), (:N {s: 'd'});

// @name: ascending by default
MATCH (n:N) WHERE n.v IS NOT NULL RETURN n.v AS v ORDER BY v;
// @expect: rows ordered
// | v |
// | 1 |
// | 2 |
// | 3 |

// @name: descending
MATCH (n:N) WHERE n.v IS NOT NULL RETURN n.v AS v ORDER BY v DESC;
// @expect: rows ordered
// | v |
// | 3 |
// | 2 |
// | 1 |

// @name: nulls sort last ascending
MATCH (n:N) RETURN n.v AS v ORDER BY v ASC;
// @expect: rows ordered
// | v    |
// | 1    |
// | 2    |
// | 3    |
// | null |

// @name: nulls sort first descending
MATCH (n:N) RETURN n.v AS v ORDER BY v DESCENDING;
// @expect: rows ordered
// | v    |
// | null |
// | 3    |
// | 2    |
// | 1    |

// @name: order by a property not returned
MATCH (n:N) RETURN n.v AS v ORDER BY n.s;
// @expect: rows ordered
// | v    |
// | 2    |
// | 3    |
// | 1    |
// | null |

// @name: order by an expression
MATCH (n:N) WHERE n.v IS NOT NULL RETURN n.v AS v ORDER BY -n.v;
// @expect: rows ordered
// | v |
// | 3 |
// | 2 |
// | 1 |

// @name: order by two keys
UNWIND [[1, 'b'], [0, 'z'], [1, 'a'], [0, 'a']] AS p RETURN p[0] AS x, p[1] AS y ORDER BY x DESC, y;
// @expect: rows ordered
// | x | y   |
// | 1 | 'a' |
// | 1 | 'b' |
// | 0 | 'a' |
// | 0 | 'z' |

// @name: integers and floats order together numerically
UNWIND [3, 1.5, 2, -1.0, 0] AS x RETURN x ORDER BY x;
// @expect: rows ordered
// | x    |
// | -1.0 |
// | 0    |
// | 1.5  |
// | 2    |
// | 3    |

// @name: strings order lexicographically by code point
UNWIND ['b', 'B', 'a', 'ab', ''] AS x RETURN x ORDER BY x;
// @expect: rows ordered
// | x    |
// | ''   |
// | 'B'  |
// | 'a'  |
// | 'ab' |
// | 'b'  |

// @name: ordering across types (map, node, rel, list, path, string, boolean, number, null)
UNWIND [1, 'a', true, [1], {k: 1}, null] AS x RETURN x ORDER BY x;
// @expect: rows ordered
// | x      |
// | {k: 1} |
// | [1]    |
// | 'a'    |
// | true   |
// | 1      |
// | null   |

// @name: booleans order false before true
UNWIND [true, false, true] AS x RETURN x ORDER BY x;
// @expect: rows ordered
// | x     |
// | false |
// | true  |
// | true  |

// @name: lists order element by element
UNWIND [[1, 2], [1], [0, 5], [1, 1]] AS x RETURN x ORDER BY x;
// @expect: rows ordered
// | x      |
// | [0, 5] |
// | [1]    |
// | [1, 1] |
// | [1, 2] |

// @name: NaN sorts above all numbers
UNWIND [1.0, 0.0 / 0.0, -1.0] AS x RETURN x ORDER BY x;
// @expect: rows ordered
// | x    |
// | -1.0 |
// | 1.0  |
// | NaN  |

// @name: ORDER BY an alias of an aggregate
UNWIND ['a', 'b', 'a'] AS x RETURN x, count(*) AS c ORDER BY c DESC;
// @expect: rows ordered
// | x   | c |
// | 'a' | 2 |
// | 'b' | 1 |

// @name: ORDER BY on a column after DISTINCT
UNWIND [2, 1, 2] AS x RETURN DISTINCT x ORDER BY x;
// @expect: rows ordered
// | x |
// | 1 |
// | 2 |

// @name: ordering of entities among other types (TCK ReturnOrderBy1 [11])
CREATE (:T)-[:REL]->();
MATCH p = (n:T)-[r:REL]->()
UNWIND [n, r, p, 1.5, ['list'], 'text', null, false, 0.0 / 0.0, {a: 'map'}] AS types
RETURN types ORDER BY types;
// @expect: rows ordered
// | types             |
// | {a: 'map'}        |
// | (:T)              |
// | [:REL]            |
// | ['list']          |
// | <(:T)-[:REL]->()> |
// | 'text'            |
// | false             |
// | 1.5               |
// | NaN               |
// | null              |

// @name: lists with nulls in descending order (TCK ReturnOrderBy1 [10])
UNWIND [[], ['a'], ['a', 1], [1], [1, 'a'], [1, null], [null, 1], [null, 2]] AS lists
RETURN lists ORDER BY lists DESC;
// @expect: rows ordered
// | lists     |
// | [null, 2] |
// | [null, 1] |
// | [1, null] |
// | [1, 'a']  |
// | [1]       |
// | ['a', 1]  |
// | ['a']     |
// | []        |
