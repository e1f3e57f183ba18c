// @graph: empty

// @name: size of lists and strings
RETURN size([1, 2, 3]) AS a, size([]) AS b, size('hello') AS c, size('') AS d, size(null) AS e;
// @expect: rows
// | a | b | c | d | e    |
// | 3 | 0 | 5 | 0 | null |

// @name: head, last, tail
RETURN head([1, 2, 3]) AS h, last([1, 2, 3]) AS l, tail([1, 2, 3]) AS t;
// @expect: rows
// | h | l | t      |
// | 1 | 3 | [2, 3] |

// @name: head, last, tail of empty lists
RETURN head([]) AS h, last([]) AS l, tail([]) AS t;
// @expect: rows
// | h    | l    | t  |
// | null | null | [] |

// @name: head and tail of null
RETURN head(null) AS h, tail(null) AS t;
// @expect: rows
// | h    | t    |
// | null | null |

// @name: range with default step
RETURN range(1, 5) AS a, range(3, 3) AS b, range(5, 1) AS c;
// @expect: rows
// | a               | b   | c  |
// | [1, 2, 3, 4, 5] | [3] | [] |

// @name: range with a step
RETURN range(0, 10, 3) AS a, range(5, 1, -2) AS b, range(0, -3, -1) AS c;
// @expect: rows
// | a            | b         | c               |
// | [0, 3, 6, 9] | [5, 3, 1] | [0, -1, -2, -3] |

// @name: range with a zero step is an error
RETURN range(1, 5, 0) AS r;
// @expect: error ArgumentError NumberOutOfRange

// @name: reverse a list and a string
RETURN reverse([1, 2, 3]) AS l, reverse('abc') AS s, reverse([]) AS e;
// @expect: rows
// | l         | s     | e  |
// | [3, 2, 1] | 'cba' | [] |

// @name: coalesce returns the first non-null
RETURN coalesce(null, 1, 2) AS a, coalesce(null, null) AS b, coalesce('x') AS c;
// @expect: rows
// | a | b    | c   |
// | 1 | null | 'x' |

// @name: coalesce on a missing property
CREATE (:N {a: 1});
MATCH (n:N) RETURN coalesce(n.b, n.a, 0) AS v;
// @expect: rows
// | v |
// | 1 |
