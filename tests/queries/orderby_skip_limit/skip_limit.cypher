// @graph: empty

// @name: LIMIT
UNWIND range(1, 10) AS x RETURN x ORDER BY x LIMIT 3;
// @expect: rows ordered
// | x |
// | 1 |
// | 2 |
// | 3 |

// @name: SKIP
UNWIND range(1, 5) AS x RETURN x ORDER BY x SKIP 3;
// @expect: rows ordered
// | x |
// | 4 |
// | 5 |

// @name: SKIP and LIMIT
UNWIND range(1, 10) AS x RETURN x ORDER BY x SKIP 2 LIMIT 2;
// @expect: rows ordered
// | x |
// | 3 |
// | 4 |

// @name: LIMIT 0 returns nothing
UNWIND range(1, 3) AS x RETURN x LIMIT 0;
// @expect: rows
// | x |

// @name: SKIP past the end returns nothing
UNWIND range(1, 3) AS x RETURN x SKIP 10;
// @expect: rows
// | x |

// @name: LIMIT larger than the input
UNWIND range(1, 2) AS x RETURN x ORDER BY x LIMIT 100;
// @expect: rows ordered
// | x |
// | 1 |
// | 2 |

// @name: LIMIT from a parameter
// @param n = 2
UNWIND range(1, 10) AS x RETURN x ORDER BY x DESC LIMIT $n;
// @expect: rows ordered
// | x  |
// | 10 |
// | 9  |

// @name: SKIP from a parameter
// @param s = 8
UNWIND range(1, 10) AS x RETURN x ORDER BY x SKIP $s;
// @expect: rows ordered
// | x  |
// | 9  |
// | 10 |

// @name: LIMIT from a constant expression
UNWIND range(1, 10) AS x RETURN x ORDER BY x LIMIT 1 + 1;
// @expect: rows ordered
// | x |
// | 1 |
// | 2 |

// @name: SKIP with a function of constants
UNWIND range(1, 5) AS x RETURN x ORDER BY x SKIP toInteger('3');
// @expect: rows ordered
// | x |
// | 4 |
// | 5 |

// @name: negative LIMIT is an error
RETURN 1 AS x LIMIT -1;
// @expect: error SyntaxError NegativeIntegerArgument

// @name: negative SKIP is an error
RETURN 1 AS x SKIP -1;
// @expect: error SyntaxError NegativeIntegerArgument

// @name: floating point LIMIT is an error
RETURN 1 AS x LIMIT 1.5;
// @expect: error SyntaxError InvalidArgumentType

// @name: LIMIT depending on a row variable is an error
UNWIND [1, 2] AS x RETURN x LIMIT x;
// @expect: error SyntaxError NonConstantExpression

// @name: SKIP and LIMIT in WITH
UNWIND range(1, 6) AS x WITH x ORDER BY x SKIP 1 LIMIT 3 RETURN collect(x) AS xs;
// @expect: rows
// | xs        |
// | [2, 3, 4] |

// @name: ORDER BY then LIMIT picks the top values
UNWIND [5, 3, 9, 1] AS x RETURN x ORDER BY x DESC LIMIT 2;
// @expect: rows ordered
// | x |
// | 9 |
// | 5 |

