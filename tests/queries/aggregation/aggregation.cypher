// @graph: empty
CREATE (:P {name: 'a', dept: 'x', sal: 10}),
       (:P {name: 'b', dept: 'x', sal: 20}),
       (:P {name: 'c', dept: 'y', sal: 30}),
       (:P {name: 'd', dept: 'y'}),
       (:P {name: 'e'});

// @name: count star counts rows
MATCH (p:P) RETURN count(*) AS c;
// @expect: rows
// | c |
// | 5 |

// @name: count of an expression skips nulls
MATCH (p:P) RETURN count(p.sal) AS c;
// @expect: rows
// | c |
// | 3 |

// @name: count DISTINCT
MATCH (p:P) RETURN count(DISTINCT p.dept) AS c;
// @expect: rows
// | c |
// | 2 |

// @name: implicit grouping key
MATCH (p:P) RETURN p.dept AS dept, count(*) AS c;
// @expect: rows
// | dept | c |
// | 'x'  | 2 |
// | 'y'  | 2 |
// | null | 1 |

// @name: sum ignores nulls
MATCH (p:P) RETURN p.dept AS dept, sum(p.sal) AS s;
// @expect: rows
// | dept | s  |
// | 'x'  | 30 |
// | 'y'  | 30 |
// | null | 0  |

// @name: avg is a float
MATCH (p:P) RETURN avg(p.sal) AS a;
// @expect: rows
// | a    |
// | 20.0 |

// @name: min and max
MATCH (p:P) RETURN min(p.sal) AS lo, max(p.sal) AS hi;
// @expect: rows
// | lo | hi |
// | 10 | 30 |

// @name: min and max on strings
MATCH (p:P) RETURN min(p.name) AS lo, max(p.name) AS hi;
// @expect: rows
// | lo  | hi  |
// | 'a' | 'e' |

// @name: collect skips nulls
MATCH (p:P) WITH p ORDER BY p.name RETURN collect(p.sal) AS sals;
// @expect: rows
// | sals         |
// | [10, 20, 30] |

// @name: collect DISTINCT
UNWIND [1, 2, 1, null, 2] AS x RETURN size(collect(DISTINCT x)) AS n;
// @expect: rows
// | n |
// | 2 |

// @name: aggregation over empty input without grouping keys yields one row
MATCH (p:Nobody) RETURN count(*) AS c, count(p) AS cp, sum(p.x) AS s, avg(p.x) AS a, min(p.x) AS lo, max(p.x) AS hi, collect(p.x) AS l;
// @expect: rows
// | c | cp | s | a    | lo   | hi   | l  |
// | 0 | 0  | 0 | null | null | null | [] |

// @name: aggregation over empty input with a grouping key yields no rows
MATCH (p:Nobody) RETURN p.x AS k, count(*) AS c;
// @expect: rows
// | k | c |

// @name: sum of integers is an integer, with a float it is a float
UNWIND [1, 2, 3.5] AS x RETURN sum(x) AS s;
// @expect: rows
// | s   |
// | 6.5 |

// @name: sum of integers stays an integer
UNWIND [1, 2, 3] AS x RETURN sum(x) AS s;
// @expect: rows
// | s |
// | 6 |

// @name: avg of integers
UNWIND [1, 2] AS x RETURN avg(x) AS a;
// @expect: rows
// | a   |
// | 1.5 |

// @name: sample standard deviation
UNWIND [2, 4, 4, 4, 5, 5, 7, 9] AS x RETURN stDev(x) AS sd;
// @expect: rows
// | sd                |
// | 2.138089935299395 |

// @name: population standard deviation
UNWIND [2, 4, 4, 4, 5, 5, 7, 9] AS x RETURN stDevP(x) AS sd;
// @expect: rows
// | sd  |
// | 2.0 |

// @name: stDev of a single value is zero
UNWIND [5] AS x RETURN stDev(x) AS sd;
// @expect: rows
// | sd  |
// | 0.0 |

// @name: percentileDisc
UNWIND [10, 20, 30, 40] AS x RETURN percentileDisc(x, 0.5) AS p;
// @expect: rows
// | p  |
// | 20 |

// @name: percentileCont interpolates
UNWIND [10, 20, 30, 40] AS x RETURN percentileCont(x, 0.5) AS p;
// @expect: rows
// | p    |
// | 25.0 |

// @name: percentileDisc at the extremes
UNWIND [10, 20, 30, 40] AS x RETURN percentileDisc(x, 0.0) AS lo, percentileDisc(x, 1.0) AS hi;
// @expect: rows
// | lo | hi |
// | 10 | 40 |

// @name: percentile out of range is an error
UNWIND [1, 2] AS x RETURN percentileCont(x, 1.5) AS p;
// @expect: error ArgumentError NumberOutOfRange

// @name: grouping by a node
CREATE (a:Q {n: 1}), (b:Q {n: 2}), (a)-[:R]->(:T), (a)-[:R]->(:T), (b)-[:R]->(:T);
MATCH (q:Q)-[:R]->(t) RETURN q, count(t) AS c;
// @expect: rows
// | q           | c |
// | (:Q {n: 1}) | 2 |
// | (:Q {n: 2}) | 1 |

// @name: aggregate inside an expression
UNWIND [1, 2, 3] AS x RETURN count(x) * 10 + 1 AS v;
// @expect: rows
// | v  |
// | 31 |

// @name: grouping key computed from an expression
UNWIND [1, 2, 3, 4, 5] AS x RETURN x % 2 AS parity, collect(x) AS xs;
// @expect: rows
// | parity | xs        |
// | 1      | [1, 3, 5] |
// | 0      | [2, 4]    |

// @name: count DISTINCT of only nulls is zero
UNWIND [null, null] AS x RETURN count(DISTINCT x) AS c;
// @expect: rows
// | c |
// | 0 |

// @name: max across mixed numbers
UNWIND [1, 2.5, 2] AS x RETURN max(x) AS m;
// @expect: rows
// | m   |
// | 2.5 |

// @name: min over mixed types uses the ordering
UNWIND [1, 'a'] AS x RETURN min(x) AS m;
// @expect: rows
// | m   |
// | 'a' |

// @name: DISTINCT grouping together with aggregation
UNWIND ['x', 'x', 'y'] AS k RETURN DISTINCT k, count(*) AS c;
// @expect: rows
// | k   | c |
// | 'x' | 2 |
// | 'y' | 1 |

// @name: sum of a string is a type error
UNWIND ['a'] AS x RETURN sum(x) AS s;
// @expect: error TypeError InvalidArgumentType
