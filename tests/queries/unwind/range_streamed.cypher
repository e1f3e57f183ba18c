// @graph: empty
// `UNWIND range(…)` is streamed (the integers are made one at a time, the
// list never held); these cases pin down that it gives what the list does.

// @name: a plain range, summed
UNWIND range(1, 1000) AS x RETURN sum(x) AS s, count(*) AS n;
// @expect-plan: Unwind(range streamed)
// @expect: rows
// | s      | n    |
// | 500500 | 1000 |

// @name: a negative step, and an empty range
UNWIND [[10, 1, -3], [1, 0, 1], [5, 5, 2]] AS a UNWIND range(a[0], a[1], a[2]) AS x RETURN a, collect(x) AS xs;
// @expect: rows
// | a           | xs            |
// | [10, 1, -3] | [10, 7, 4, 1] |
// | [5, 5, 2]   | [5]           |

// @name: a null argument gives no rows
UNWIND range(1, null) AS x RETURN count(*) AS n;
// @expect: rows
// | n |
// | 0 |

// @name: a zero step fails, as the list does
UNWIND range(1, 10, 0) AS x RETURN x;
// @expect: error ArgumentError NumberOutOfRange

// @name: a non-integer argument fails, as the list does
UNWIND range(1, 'x') AS x RETURN x;
// @expect: error ArgumentError InvalidArgumentType

// @name: a range over the bound on lists fails streamed as well
UNWIND range(1, 9223372036854775807) AS x RETURN x LIMIT 3;
// @expect: error ArgumentError NumberOutOfRange

// @name: LIMIT stops a streamed range early
UNWIND range(1, 5000000) AS x RETURN x LIMIT 3;
// @expect: rows
// | x |
// | 1 |
// | 2 |
// | 3 |

// @name: the ends of the integers
UNWIND range(9223372036854775806, 9223372036854775807) AS x RETURN x;
// @expect: rows
// | x                   |
// | 9223372036854775806 |
// | 9223372036854775807 |
