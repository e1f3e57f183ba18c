// @graph: empty

// @name: list index from the start and from the end
WITH [10, 20, 30] AS l RETURN l[0] AS a, l[2] AS b, l[-1] AS c, l[-3] AS d;
// @expect: rows
// | a  | b  | c  | d  |
// | 10 | 30 | 30 | 10 |

// @name: list index out of range is null
WITH [10, 20, 30] AS l RETURN l[3] AS a, l[-4] AS b, l[null] AS c;
// @expect: rows
// | a    | b    | c    |
// | null | null | null |

// @name: list slices
WITH [1, 2, 3, 4, 5] AS l RETURN l[1..3] AS a, l[..2] AS b, l[3..] AS c, l[-2..] AS d, l[1..-1] AS e;
// @expect: rows
// | a      | b      | c      | d      | e         |
// | [2, 3] | [1, 2] | [4, 5] | [4, 5] | [2, 3, 4] |

// @name: slices out of range are clipped
WITH [1, 2, 3] AS l RETURN l[2..10] AS a, l[5..7] AS b, l[2..1] AS c, l[-10..1] AS d;
// @expect: rows
// | a   | b  | c  | d   |
// | [3] | [] | [] | [1] |

// @name: slice with a null bound is null
WITH [1, 2, 3] AS l RETURN l[null..2] AS a;
// @expect: rows
// | a    |
// | null |

// @name: indexing a list with a non-integer is a type error
WITH [1, 2, 3] AS l, 'x' AS i RETURN l[i] AS a;
// @expect: error TypeError InvalidArgumentType

// @name: list comprehension with filter and projection
RETURN [x IN range(1, 6) WHERE x % 2 = 0 | x * 10] AS l;
// @expect: rows
// | l            |
// | [20, 40, 60] |

// @name: list comprehension with filter only
RETURN [x IN [1, null, 2] WHERE x IS NOT NULL] AS l;
// @expect: rows
// | l      |
// | [1, 2] |

// @name: list comprehension with projection only
RETURN [x IN ['a', 'b'] | toUpper(x)] AS l;
// @expect: rows
// | l          |
// | ['A', 'B'] |

// @name: list comprehension over null is null
RETURN [x IN null | x] AS l;
// @expect: rows
// | l    |
// | null |

// @name: nested list comprehension
RETURN [x IN [1, 2] | [y IN [1, 2] | x * y]] AS l;
// @expect: rows
// | l                |
// | [[1, 2], [2, 4]] |

// @name: pattern comprehension
CREATE (a:P {name: 'a'})-[:K]->(:P {name: 'b'}), (a)-[:K]->(:P {name: 'c'});
MATCH (a:P {name: 'a'}) RETURN size([(a)-[:K]->(f) | f.name]) AS n;
// @expect: rows
// | n |
// | 2 |

// @name: pattern comprehension with WHERE
MATCH (a:P {name: 'a'}) RETURN [(a)-[:K]->(f) WHERE f.name = 'c' | f.name] AS l;
// @expect: rows
// | l     |
// | ['c'] |

// @name: pattern comprehension with no matches is an empty list
MATCH (p:P {name: 'b'}) RETURN [(p)-[:K]->(f) | f.name] AS l;
// @expect: rows
// | l  |
// | [] |

// @name: reduce sums a list
RETURN reduce(acc = 0, x IN [1, 2, 3] | acc + x) AS s;
// @expect: rows
// | s |
// | 6 |

// @name: reduce builds a string
RETURN reduce(s = '', x IN ['a', 'b', 'c'] | s + x) AS s;
// @expect: rows
// | s     |
// | 'abc' |

// @name: reduce over an empty list returns the initial value
RETURN reduce(acc = 42, x IN [] | acc + x) AS s;
// @expect: rows
// | s  |
// | 42 |

// @name: reduce appending gives what + gives step by step (strings, numbers, nulls, lists)
UNWIND [['a', 1, 2.5, 'z'], ['a', 1, null, 'q'], [[0], 1, [2, 3]], [[0], [1], [null]], ['a', 1, [2]], [0, 1, 2], [null, 'x'], [[], 'a', [['b']]]] AS l
WITH l[0] AS init, l[1..] AS xs
RETURN reduce(s = init, x IN xs | s + x) AS fast, reduce(s = init, x IN xs | coalesce(s) + x) AS plain;
// @expect: rows
// | fast                 | plain                |
// | 'a12.5z'             | 'a12.5z'             |
// | null                 | null                 |
// | [0, 1, 2, 3]         | [0, 1, 2, 3]         |
// | [0, 1, null]         | [0, 1, null]         |
// | ['a1', 2]            | ['a1', 2]            |
// | 3                    | 3                    |
// | null                 | null                 |
// | ['a', ['b']]         | ['a', ['b']]         |

// @name: reduce appending to a list it was given leaves that list alone
WITH [1] AS l0
RETURN reduce(l = l0, x IN [2, 3] | l + x) AS l, l0, reduce(s = 'ab', x IN range(1, 3) | s + 'c') AS s;
// @expect: rows
// | l         | l0  | s        |
// | [1, 2, 3] | [1] | 'abccc'  |

// @name: reduce appending raises +'s errors
RETURN reduce(s = 'a', x IN [1, date('2020-01-01')] | s + x) AS s;
// @expect: error TypeError InvalidArgumentType

// @name: all, any, none, single
WITH [1, 2, 3] AS l
RETURN all(x IN l WHERE x > 0) AS a, any(x IN l WHERE x > 2) AS b, none(x IN l WHERE x > 3) AS c, single(x IN l WHERE x = 2) AS d;
// @expect: rows
// | a    | b    | c    | d    |
// | true | true | true | true |

// @name: quantifiers that are false
WITH [1, 2, 3] AS l
RETURN all(x IN l WHERE x > 1) AS a, any(x IN l WHERE x > 5) AS b, none(x IN l WHERE x = 1) AS c, single(x IN l WHERE x > 1) AS d;
// @expect: rows
// | a     | b     | c     | d     |
// | false | false | false | false |

// @name: quantifiers on the empty list
WITH [] AS l
RETURN all(x IN l WHERE x > 0) AS a, any(x IN l WHERE x > 0) AS b, none(x IN l WHERE x > 0) AS c, single(x IN l WHERE x > 0) AS d;
// @expect: rows
// | a    | b     | c    | d     |
// | true | false | true | false |

// @name: quantifiers with null predicates
WITH [1, null] AS l
RETURN all(x IN l WHERE x > 0) AS a, any(x IN l WHERE x > 0) AS b, none(x IN l WHERE x > 5) AS c;
// @expect: rows
// | a    | b    | c    |
// | null | true | null |

// @name: quantifier over null is null
RETURN any(x IN null WHERE x > 0) AS a;
// @expect: rows
// | a    |
// | null |

// @name: list of mixed values and nesting
RETURN [1, [2, [3]], {k: [4]}][1][1][0] AS x;
// @expect: rows
// | x |
// | 3 |

// @name: map access with a missing key is null
WITH {a: 1} AS m RETURN m.b AS b, m['a'] AS a;
// @expect: rows
// | b    | a |
// | null | 1 |
